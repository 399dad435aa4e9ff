"""Just enough C structure for rules: parentheses, parameters, functions, enums, statements.

Everything here works on a *side*: a list of :class:`~patchlint.model.Line` in file order, such
as a hunk's post-image (context and added lines) or pre-image (context and removed lines), or
a whole file when the tree is at hand.  Nothing is assumed about what lies beyond the side:
when a question can't be answered from what is visible, the answer is "unknown" (``None``) and
rules stay silent.  The heuristics follow libvirt's layout: a function's name and its braces
start in column 0, bodies are indented.

One module per question a rule asks:

- :mod:`.parens`: which parenthesis is open at a line, where one closes, the word before it;
- :mod:`.params`: the parameters of a declaration's list;
- :mod:`.functions`: the function definitions a side shows, the one a line is in;
- :mod:`.enums`: the enum a line is in, whether it is a set of flags, the flags a patch adds;
- :mod:`.statements`: the head of an ``if``/``for``/``else``... a line ends;
- :mod:`.spacing`: a line as libvirt's ``check-spacing.pl`` reads it;
- :mod:`.diagnostics`: the calls of libvirt's diagnostic functions and their messages;
- :mod:`.drivers`: libvirt's driver tables and their entries, and the function definitions a
  text holds with their bodies (a whole file's text as well as a side).

Rules reach all of them through :mod:`patchlint.api`.
"""
