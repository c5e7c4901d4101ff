from tests.unit.domain.model import Account, Card


def test_entities_with_the_same_id_are_equal_whatever_their_attributes() -> None:
    first, second = Card("card-1", holder="Ada"), Card("card-1", holder="Grace")

    assert first == second
    assert hash(first) == hash(second)


def test_entities_with_different_ids_are_not_equal() -> None:
    assert Card("card-1", holder="Ada") != Card("card-2", holder="Ada")


def test_entities_of_different_types_are_not_equal_even_with_the_same_id() -> None:
    assert Card("same", holder="Ada") != Account("same")


def test_entities_can_be_kept_in_a_set_by_identity() -> None:
    cards = {Card("card-1", holder="Ada"), Card("card-1", holder="Grace")}

    assert len(cards) == 1
