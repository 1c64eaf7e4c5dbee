"""Progress: steps reported by the work, cancel asked by the caller, across threads."""

from __future__ import annotations

import threading

import pytest

from checkpoint_app.core.progress import NO_PROGRESS, Cancelled, Progress, Step


def test_a_step_is_kept_with_its_label_until_the_next():
    progress = Progress()
    assert progress.latest is None
    progress.step(0, 10, "Counting entries")
    progress.step(4, 10)  # no label: the one before still applies
    assert progress.latest == Step(4, 10, "Counting entries")
    progress.step(1, None, "Writing the file")
    assert progress.latest == Step(1, None, "Writing the file")


@pytest.mark.parametrize("done, total, fraction", [
    (0, 10, 0.0),
    (3, 10, 0.3),
    (10, 10, 1.0),
    (12, 10, 1.0),  # a count that overran its estimate shows full, not more
    (5, None, None),  # total unknown
    (0, 0, None),  # nothing to do: no bar, not a division by zero
    (3 * 2**40, 4 * 2**40, 0.75),  # beyond a C int
])
def test_fraction(done, total, fraction):
    assert Step(done, total, None).fraction() == fraction


@pytest.mark.parametrize("done, total", [(-1, 10), (1, -10)])
@pytest.mark.parametrize("progress", [Progress(), NO_PROGRESS], ids=["watched", "silent"])
def test_negative_counts_are_a_bug(progress, done, total):
    with pytest.raises(ValueError, match="negative"):
        progress.step(done, total)


def test_cancel_of_cancellable_work_makes_check_raise():
    progress = Progress(cancellable=True)
    progress.check()  # nothing asked yet
    assert progress.cancellable and not progress.cancelled
    assert progress.cancel() is True
    assert progress.cancelled
    with pytest.raises(Cancelled):
        progress.check()


@pytest.mark.parametrize("progress", [Progress(), Progress(cancellable=False), NO_PROGRESS, Progress.silent()])
def test_work_that_may_not_be_cancelled_refuses_the_cancel(progress):
    assert progress.cancel() is False
    assert not progress.cancelled and not progress.cancellable
    progress.check()  # never raises


def test_silent_progress_keeps_nothing_so_it_can_be_shared():
    NO_PROGRESS.step(5, 10, "Counting entries")
    assert NO_PROGRESS.latest is None
    assert isinstance(Progress.silent(), Progress)


def test_a_cancel_from_another_thread_stops_the_work_at_its_next_check():
    progress = Progress(cancellable=True)
    reached, go_on = threading.Event(), threading.Event()
    outcome: list[str] = []

    def work() -> None:
        try:
            for i in range(1_000_000):
                progress.step(i, 1_000_000)
                if i == 10:
                    reached.set()
                    go_on.wait(30)
                progress.check()
            outcome.append("finished")
        except Cancelled:
            outcome.append(f"cancelled at {progress.latest.done}")

    worker = threading.Thread(target=work)
    worker.start()
    assert reached.wait(30)
    progress.cancel()
    go_on.set()
    worker.join(30)
    assert outcome == ["cancelled at 10"]

