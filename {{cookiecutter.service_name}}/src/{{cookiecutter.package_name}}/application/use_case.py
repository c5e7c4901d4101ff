from typing import Protocol, TypeVar, runtime_checkable

CommandT_contra = TypeVar("CommandT_contra", contravariant=True)
ResultT_co = TypeVar("ResultT_co", covariant=True)


@runtime_checkable
class UseCase(Protocol[CommandT_contra, ResultT_co]):
    """The shape every use case has.

    One class per use case, named after its message plus `Handler`, in its own module under
    `use_cases/`. It takes a frozen dataclass command (imperative: `OpenAccount`) or query
    (`GetAccount`), returns a frozen dataclass result (or a plain count, or nothing, when
    that says all), and depends on ports only, received in `__init__`.
    `tests/architecture/test_use_cases.py` holds every handler to it.
    """

    async def execute(self, command: CommandT_contra) -> ResultT_co: ...
