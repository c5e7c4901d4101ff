from typing import Protocol, TypeVar

CommandT_contra = TypeVar("CommandT_contra", contravariant=True)
ResultT_co = TypeVar("ResultT_co", covariant=True)


class UseCase(Protocol[CommandT_contra, ResultT_co]):
    """The shape every use case has.

    One class per use case, in its own module under `use_cases/`. It takes a frozen
    dataclass command (imperative: `OpenAccount`) or query (`GetAccount`), returns a frozen
    dataclass result, and depends on ports only, received in `__init__`.
    """

    async def execute(self, command: CommandT_contra) -> ResultT_co: ...
