"""``patchlint followup THREAD V2...``: which of a v1 review's points v2 took care of.

The follow-up is a run of its own, built as the main check is (sources, reading, the runner,
plain records, one reporter, the exit status decided in one place), one stage a module:

* :mod:`.thread` reads the v1 thread: its messages, what each answers, v1's patch mails (or,
  when the thread lacks them, the patch its replies quote);
* :mod:`.comments` reads each reply: the reviewer's comments and what they are anchored to,
  the trailers given, the contributor's answers and the reviewer's word on them;
* :mod:`.series` checks v1 and v2 with the rules and keeps what the later stages compare
  (:class:`.series.Digest`: plain data, the model let go);
* :mod:`.match` pairs v2's patches with v1's; :mod:`.status` gives each comment its status;
  :mod:`.compare` compares the findings, the trailers and the v2 mails themselves;
* :mod:`.records` holds the records every output reads; :mod:`.report` and :mod:`.reply`
  write them (annotated, concise, json; the summary mail); :mod:`.cli` is the command line.
"""
