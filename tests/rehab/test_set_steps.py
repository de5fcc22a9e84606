"""The guided set timer's schedule: holds and rests by the clock, sets of repetitions ended by
the user and followed by their rest; boundaries at each change."""

from recovery.rehab.set_steps import Step, left_alone, step_at


def test_holds_follow_the_clock_with_a_rest_between():
    # 3 holds of 30 s with 60 s rests: 0-30 hold 1, 30-90 rest, 90-120 hold 2 ...
    assert step_at(0, 3, 30, 60) == Step("hold", 1, 30, 0)
    assert step_at(29.9, 3, 30, 60) == Step("hold", 1, 1, 0)
    assert step_at(30, 3, 30, 60) == Step("rest", 2, 60, 1)
    assert step_at(89, 3, 30, 60) == Step("rest", 2, 1, 1)
    assert step_at(90, 3, 30, 60) == Step("hold", 2, 30, 1)
    assert step_at(209, 3, 30, 60) == Step("hold", 3, 1, 2)


def test_the_last_hold_has_no_rest_after_it():
    assert step_at(210, 3, 30, 60) == Step("done", 3, 0, 3)
    assert step_at(10**9, 3, 30, 60) == Step("done", 3, 0, 3)


def test_a_time_before_the_start_is_the_start():
    assert step_at(-5, 2, 20, 30) == Step("hold", 1, 20, 0)


def test_a_set_of_repetitions_lasts_until_the_user_ends_it():
    assert step_at(0, 3, None, 60) == Step("set", 1, None, 0)
    assert step_at(10_000, 3, None, 60) == Step("set", 1, None, 0)


def test_the_rest_after_a_set_counts_from_when_it_was_done():
    assert step_at(45, 3, None, 60, [40]) == Step("rest", 2, 55, 1)
    assert step_at(99, 3, None, 60, [40]) == Step("rest", 2, 1, 1)
    assert step_at(100, 3, None, 60, [40]) == Step("set", 2, None, 1)


def test_no_rest_means_the_next_set_at_once():
    assert step_at(41, 3, None, 0, [40]) == Step("set", 2, None, 1)


def test_the_last_set_ends_the_session_and_extra_marks_count_for_nothing():
    assert step_at(300, 3, None, 60, [40, 150, 290]) == Step("done", 3, 0, 3)
    assert step_at(300, 2, None, 60, [40, 150, 290]) == Step("done", 2, 0, 2)


def test_a_session_of_repetitions_is_left_alone_half_an_hour_after_a_set_was_due():
    assert not left_alone(30 * 60, None, 60)
    assert left_alone(30 * 60 + 1, None, 60)
    assert not left_alone(100 + 60 + 30 * 60, None, 60, [100])  # set 2 due at 160 s
    assert left_alone(100 + 60 + 30 * 60 + 1, None, 60, [100])
    assert not left_alone(10**6, 30, 60)  # holds end by the clock
