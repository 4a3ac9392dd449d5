"""A rating form for notebooks: rate sources on the Admiralty scales, with evidence spans.

:func:`rating_form` shows one source at a time: a header (position, title, id), the raw text
with its page parts highlighted (escaped, through :func:`helpers.display.highlight_html`), a
choice of what is rated (the article, or the reader comments as a separate source), the
reliability scale A–F and the credibility scale 1–6 with every code's label and definition,
a rationale, and evidence quotes. Save appends a row to the annotator's file through
:func:`helpers.annotations.save_annotation`; the form itself checks nothing a lower module
already checks (ratings and rationale by the store, quotes by :func:`helpers.spans.find_quote`,
codes from :mod:`helpers.scales`).

Behaviour worth knowing:

- **Evidence** is pasted text. Leading and trailing white space is dropped, then the quote
  must occur verbatim in the raw text (its first occurrence is used); otherwise nothing is
  attached and the status says why.
- **Navigation** (``← Previous``/``Next →``) stops at the first and last source (the buttons
  are disabled there; it does not wrap).
- **Moving** to another source, or choosing another target, loads the latest saved rating
  of that source and target into the inputs (reliability, credibility, rationale, evidence),
  or empties them when there is none. Unsaved input is dropped: save first.
- **Status** goes to an HTML widget (escaped text), never to ``print``; a failed save shows
  the store's message and writes nothing. ``form.status`` is that text.

Everything the buttons do is a method (:meth:`RatingForm.select`,
:meth:`RatingForm.set_rating`, :meth:`RatingForm.add_evidence`, :meth:`RatingForm.save`…),
so a teacher or a test can drive the form without a browser.
"""

from __future__ import annotations

import html
from pathlib import Path

import ipywidgets as w
import pandas as pd
from IPython.display import display

from helpers.annotations import (
    COLUMNS,
    LEVELS,
    AnnotationError,
    annotation_path,
    latest_annotations,
    load_annotations,
    parse_evidence,
    save_annotation,
)
from helpers.corpus import Corpus, Source
from helpers.display import highlight_html, legend_html
from helpers.palette import colour_for
from helpers.scales import SCALES
from helpers.segments import SEGMENT_KINDS, segment
from helpers.spans import SpanError, find_quote
from helpers.widgets.style import FONT, status_html

__all__ = ["NOT_CHOSEN", "RatingForm", "rating_form", "scale_html"]

#: The value of a scale's dropdown while no code is chosen.
NOT_CHOSEN = ""
_QUOTE_CHARS = 60  # evidence and rationale are shown shortened to this many characters


def _shorten(text: str, limit: int = _QUOTE_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def scale_html(axis: str, selected: str = "", disabled: bool = False, note: str = "") -> str:
    """Escaped HTML listing one scale as code — label — definition, ``selected`` emphasised.

    >>> "<b>B — Usually reliable</b>" in scale_html("reliability", "B")
    True
    >>> "opacity" in scale_html("credibility", disabled=True)
    True
    """
    rows = []
    for code, label, definition in SCALES[axis]:
        head = f"{html.escape(code)} — {html.escape(label)}"
        text = f"{head}: {html.escape(definition)}"
        if code == selected and not disabled:
            rows.append(
                f'<li style="background: #fde9b8; border-left: 4px solid #b36b00; '
                f'padding-left: 0.3em"><b>{head}</b>: {html.escape(definition)} ◀ chosen</li>'
            )
        else:
            rows.append(f'<li style="padding-left: 0.3em; border-left: 4px solid transparent">'
                        f"{text}</li>")  # fmt: skip
    grey = "; opacity: 0.45" if disabled else ""
    caption = f'<div style="font-style: italic">{html.escape(note)}</div>' if note else ""
    return (
        f'<div style="{FONT}{grey}">{caption}'
        f'<ul style="list-style: none; padding-left: 0; margin: 0">{"".join(rows)}</ul></div>'
    )


class RatingForm:
    """A rating form over a corpus, one source at a time; ``.widget`` is what is shown.

    Build it with :func:`rating_form`. State: ``index`` (the current source), ``evidence``
    (attached ``(start, end)`` spans), ``status`` (the last message).

    >>> import tempfile
    >>> from helpers.corpus import load_corpus
    >>> form = RatingForm(load_corpus(), "student", folder=tempfile.mkdtemp())
    >>> len(form.corpus), form.source.id
    (5, '000_2475a0d244993fd8')
    >>> form
    Rating form: 5 sources, annotator 'student'
    """

    def __init__(
        self,
        corpus: Corpus,
        annotator: str,
        folder: str | Path | None = None,
        level: str = "source",
        targets: tuple[str, ...] | list[str] = ("article", "comments"),
        start: int = 0,
    ):
        if len(corpus) == 0:
            raise ValueError("the corpus holds no sources: nothing to rate")
        targets = tuple(str(t) for t in targets)
        if not targets:
            raise ValueError("targets is empty: give at least one thing to rate, e.g. 'article'")
        if level not in LEVELS:
            raise ValueError(f"level {level!r} is not allowed; use one of {', '.join(LEVELS)}")
        if not isinstance(start, int) or not 0 <= start < len(corpus):
            raise ValueError(
                f"start {start!r} is not a source position; use 0 to {len(corpus) - 1}"
            )
        self.corpus = corpus
        self.annotator = annotator
        self.folder = folder
        self.path = annotation_path(annotator, folder)  # checks the annotator's name
        self.level = level
        self.targets = targets
        self.evidence: list[tuple[int, int]] = []
        self.index = 0
        self._segments: dict[str, pd.DataFrame] = {}
        self._loading = False
        self._build()
        self.select(start)

    # ------------------------------------------------------------------ widgets

    def _build(self) -> None:
        def dropdown(axis: str, description: str) -> w.Dropdown:
            options = [("— choose —", NOT_CHOSEN)] + [
                (f"{code} — {label}", code) for code, label, _ in SCALES[axis]
            ]
            return w.Dropdown(
                options=options,
                value=NOT_CHOSEN,
                description=description,
                style={"description_width": "7em"},
                layout=w.Layout(width="22em"),
            )

        self.header = w.HTML()
        self.text_view = w.HTML()
        self.text_box = w.Box(
            [self.text_view],
            layout=w.Layout(max_height="30em", overflow="auto", width="100%"),
        )
        self.target_choice = w.ToggleButtons(
            options=list(self.targets), value=self.targets[0], description="Rate the"
        )
        self.reliability = dropdown("reliability", "Reliability")
        self.reliability_help = w.HTML()
        self.credibility = dropdown("credibility", "Credibility")
        self.credibility.disabled = self.level == "source"
        self.credibility_help = w.HTML()
        self.rationale = w.Textarea(
            placeholder="Why this rating? Point to what you read in the text.",
            description="Rationale",
            style={"description_width": "7em"},
            layout=w.Layout(width="95%", height="6em"),
        )
        self.quote = w.Text(
            placeholder="Paste a quote copied exactly from the text above",
            description="Evidence",
            style={"description_width": "7em"},
            layout=w.Layout(width="70%"),
        )
        self.add_button = w.Button(description="Add evidence", icon="plus")
        self.clear_button = w.Button(description="Clear evidence", icon="times")
        self.evidence_view = w.HTML()
        self.save_button = w.Button(description="Save", button_style="primary", icon="save")
        self.previous_button = w.Button(description="← Previous")
        self.next_button = w.Button(description="Next →")
        self.status_view = w.HTML(value=status_html(""))
        self.saved_view = w.HTML()

        self.add_button.on_click(lambda _: self.add_evidence(self.quote.value))
        self.clear_button.on_click(lambda _: self.clear_evidence())
        self.save_button.on_click(lambda _: self.save())
        self.previous_button.on_click(lambda _: self.previous())
        self.next_button.on_click(lambda _: self.next())
        self.reliability.observe(lambda _: self._show_scales(), names="value")
        self.credibility.observe(lambda _: self._show_scales(), names="value")
        self.target_choice.observe(self._target_changed, names="value")

        self.widget = w.VBox(
            [
                w.HBox([self.previous_button, self.next_button]),
                self.header,
                self.text_box,
                self.target_choice,
                w.HBox([self.reliability, self.reliability_help]),
                w.HBox([self.credibility, self.credibility_help]),
                self.rationale,
                w.HBox([self.quote, self.add_button, self.clear_button]),
                self.evidence_view,
                self.save_button,
                self.status_view,
                self.saved_view,
            ],
            layout=w.Layout(width="100%"),
        )

    # ------------------------------------------------------------------ display

    def _ipython_display_(self) -> None:
        # The widget view, with this form's short repr as the text/plain fallback (nbval
        # compares that; the container's own repr would change with the buttons' state).
        bundle = dict(self.widget._repr_mimebundle_())
        bundle["text/plain"] = repr(self)
        display(bundle, raw=True)

    def __repr__(self) -> str:
        return f"Rating form: {len(self.corpus)} sources, annotator {self.annotator!r}"

    def _say(self, text: str) -> None:
        self.status = text
        self.status_view.value = status_html(text)

    def _segments_of(self, source: Source) -> pd.DataFrame:
        if source.id not in self._segments:
            self._segments[source.id] = segment(source)
        return self._segments[source.id]

    def _show_source(self) -> None:
        source = self.source
        self.header.value = (
            f'<div style="{FONT}"><b>Source {self.index + 1} of {len(self.corpus)}</b>: '
            f"{html.escape(source.title)} · <code>{html.escape(source.id)}</code> · "
            f"{len(source.text):,} characters</div>"
        )
        parts = self._segments_of(source)
        colours = colour_for(parts["kind"])
        meanings = dict(SEGMENT_KINDS)
        self.text_view.value = legend_html(colours, meanings) + highlight_html(
            source.text, parts, "kind", colours, max_height="26em"
        )
        self.previous_button.disabled = self.index == 0
        self.next_button.disabled = self.index == len(self.corpus) - 1

    def _show_scales(self) -> None:
        self.reliability_help.value = scale_html("reliability", self.reliability.value)
        note = "not rated at level 'source' (credibility is rated on claims)"
        self.credibility_help.value = scale_html(
            "credibility",
            self.credibility.value,
            disabled=self.credibility.disabled,
            note=note if self.credibility.disabled else "",
        )

    def _show_evidence(self) -> None:
        if not self.evidence:
            self.evidence_view.value = f'<div style="{FONT}">No evidence attached.</div>'
            return
        items = "".join(
            f"<li>{s}–{e}: “{html.escape(_shorten(self.source.text[s:e]))}”</li>"
            for s, e in self.evidence
        )
        self.evidence_view.value = (
            f'<div style="{FONT}">Evidence attached ({len(self.evidence)}):'
            f'<ul style="margin: 0">{items}</ul></div>'
        )

    def _show_saved(self) -> None:
        try:
            rows = self.saved()
        except AnnotationError as err:
            self.saved_view.value = (
                f'<div style="{FONT}; color: #a00">Saved so far: cannot read your file: '
                f"{html.escape(str(err))}</div>"
            )
            return
        rows = rows[(rows["source_id"] == self.source.id) & (rows["level"] == self.level)]
        if rows.empty:
            self.saved_view.value = (
                f'<div style="{FONT}">Saved so far: nothing for this source yet.</div>'
            )
            return
        items = "".join(
            f"<li><b>{html.escape(r.target)}</b>: reliability {html.escape(r.reliability or '–')}"
            f", credibility {html.escape(r.credibility or '–')}; "
            f"“{html.escape(_shorten(r.rationale, 40))}”; "
            f"{len(parse_evidence(r.evidence))} evidence span(s)</li>"
            for r in rows.itertuples()
        )
        self.saved_view.value = (
            f'<div style="{FONT}">Saved so far for this source (latest, in '
            f'{html.escape(self.path.name)}):<ul style="margin: 0">{items}</ul></div>'
        )

    def _load_inputs(self) -> bool:
        """Fill the inputs from the latest saved rating of this source and target, or empty."""
        row = None
        try:
            rows = self.saved()
        except AnnotationError:
            rows = pd.DataFrame(columns=list(COLUMNS))
        match = rows[
            (rows["source_id"] == self.source.id)
            & (rows["level"] == self.level)
            & (rows["target"] == self.target_choice.value)
        ]
        if not match.empty:
            row = match.iloc[-1]
        self.reliability.value = row["reliability"] if row is not None else NOT_CHOSEN
        credibility = row["credibility"] if row is not None else NOT_CHOSEN
        self.credibility.value = NOT_CHOSEN if self.credibility.disabled else credibility
        self.rationale.value = row["rationale"] if row is not None else ""
        self.evidence = parse_evidence(row["evidence"]) if row is not None else []
        self.quote.value = ""
        self._show_scales()
        self._show_evidence()
        return row is not None

    def _target_changed(self, change: dict) -> None:
        if self._loading:
            return
        loaded = self._load_inputs()
        self._say(
            f"Rating the {change['new']} of {self.source.id}: "
            + ("loaded your saved rating." if loaded else "not rated yet.")
        )

    # ------------------------------------------------------------------ actions

    @property
    def source(self) -> Source:
        """The source shown now."""
        return self.corpus[self.index]

    def select(self, i: int) -> None:
        """Show source ``i`` (0-based), loading what is saved for it.

        Out of range, the form stays where it is and says so in the status.

        >>> import tempfile
        >>> from helpers.corpus import load_corpus
        >>> form = rating_form(load_corpus(), "student", folder=tempfile.mkdtemp())
        >>> form.select(9); form.index
        0
        >>> form.status
        'There is no source 10: choose 1 to 5.'
        """
        if not isinstance(i, int) or not 0 <= i < len(self.corpus):
            self._say(f"There is no source {i + 1 if isinstance(i, int) else i!r}: "
                      f"choose 1 to {len(self.corpus)}.")  # fmt: skip
            return
        self.index = i
        self._loading = True
        try:
            self.target_choice.value = self.targets[0]
        finally:
            self._loading = False
        self._show_source()
        loaded = self._load_inputs()
        self._show_saved()
        self._say(
            f"Source {i + 1} of {len(self.corpus)} ({self.source.id}), rating the "
            f"{self.target_choice.value}: "
            + ("loaded your saved rating." if loaded else "not rated yet.")
        )

    def next(self) -> None:
        """Show the next source; at the last one, stay and say so.

        >>> import tempfile
        >>> from helpers.corpus import load_corpus
        >>> form = rating_form(load_corpus(), "student", folder=tempfile.mkdtemp(), start=4)
        >>> form.next(); form.index, form.status
        (4, 'This is the last source (5 of 5).')
        """
        if self.index >= len(self.corpus) - 1:
            self._say(f"This is the last source ({len(self.corpus)} of {len(self.corpus)}).")
            return
        self.select(self.index + 1)

    def previous(self) -> None:
        """Show the previous source; at the first one, stay and say so.

        >>> import tempfile
        >>> from helpers.corpus import load_corpus
        >>> form = rating_form(load_corpus(), "student", folder=tempfile.mkdtemp())
        >>> form.previous(); form.index, form.status
        (0, 'This is the first source (1 of 5).')
        """
        if self.index <= 0:
            self._say(f"This is the first source (1 of {len(self.corpus)}).")
            return
        self.select(self.index - 1)

    def set_rating(
        self,
        reliability: str | None = None,
        credibility: str | int | None = None,
        target: str | None = None,
        rationale: str | None = None,
    ) -> None:
        """Fill in the inputs as a student would (``None`` leaves an input as it is).

        Choosing another ``target`` loads its saved rating first, then applies the rest.
        A code the scale does not have is refused in the status and the input is unchanged.

        >>> import tempfile
        >>> from helpers.corpus import load_corpus
        >>> form = rating_form(load_corpus(), "student", folder=tempfile.mkdtemp())
        >>> form.set_rating(reliability="b", rationale="Named analysts.")
        >>> form.reliability.value, form.rationale.value
        ('B', 'Named analysts.')
        """
        if target is not None:
            if target not in self.targets:
                self._say(
                    f"Not a target here: {target!r}; choose one of {', '.join(self.targets)}."
                )
                return
            self.target_choice.value = target
        for axis, value in (("reliability", reliability), ("credibility", credibility)):
            if value is None:
                continue
            control = getattr(self, axis)
            code = str(value).strip().upper()
            allowed = [c for _, c in control.options]
            if code not in allowed:
                codes = ", ".join(c for c in allowed if c)
                self._say(f"Not a {axis} code: {value!r}; use one of {codes}.")
                continue
            if control.disabled and code:
                self._say(f"{axis.capitalize()} is not rated at level {self.level!r}.")
                continue
            control.value = code
        if rationale is not None:
            self.rationale.value = rationale

    def add_evidence(self, quote: str) -> bool:
        """Attach the span of a verbatim quote from the current source; False if it is not there.

        >>> import tempfile
        >>> from helpers.corpus import load_corpus
        >>> form = rating_form(load_corpus(), "student", folder=tempfile.mkdtemp())
        >>> form.add_evidence("no such words anywhere"), form.evidence
        (False, [])
        """
        quote = (quote or "").strip()
        try:
            span = find_quote(self.source, quote)
        except SpanError:
            if not quote:
                self._say("Paste a quote from the text into the Evidence box first.")
            else:
                self._say(
                    f"Not attached: “{_shorten(quote)}” is not found in the text: copy it "
                    "exactly, including punctuation."
                )
            return False
        pair = (span.start, span.end)
        if pair in self.evidence:
            self._say(f"Already attached: {span.start}–{span.end}.")
            return True
        self.evidence.append(pair)
        self.evidence.sort()
        self.quote.value = ""
        self._show_evidence()
        self._say(f"Evidence attached: {span.start}–{span.end} “{_shorten(quote)}”.")
        return True

    def clear_evidence(self) -> None:
        """Detach all evidence from the rating being filled in (nothing saved changes)."""
        self.evidence = []
        self._show_evidence()
        self._say("Evidence cleared.")

    def save(self) -> bool:
        """Save the rating as filled in; True on success. Problems go to the status.

        >>> import tempfile
        >>> from helpers.corpus import load_corpus
        >>> form = rating_form(load_corpus(), "student", folder=tempfile.mkdtemp())
        >>> form.set_rating(reliability="C")
        >>> form.save(), form.status  # doctest: +ELLIPSIS
        (False, 'Not saved: student.csv, new row, column rationale: empty; ...')
        """
        try:
            row = save_annotation(
                self.annotator,
                self.source.id,
                self.level,
                self.target_choice.value,
                self.reliability.value,
                None if self.credibility.disabled else self.credibility.value,
                self.rationale.value,
                evidence=list(self.evidence),
                corpus=self.corpus,
                folder=self.folder,
            )
        except (AnnotationError, OSError) as err:
            self._say(f"Not saved: {err}")
            return False
        rated = [f"reliability {row['reliability']}"] if row["reliability"] else []
        rated += [f"credibility {row['credibility']}"] if row["credibility"] else []
        spans = len(parse_evidence(row["evidence"]))
        self._show_saved()
        self._say(
            f"Saved {', '.join(rated)} for the {row['target']} of {row['source_id']} "
            f"with {spans} evidence span(s) to {self.path.name}."
        )
        return True

    def saved(self) -> pd.DataFrame:
        """This annotator's latest rating per source, level and target (columns as the store).

        >>> import tempfile
        >>> from helpers.corpus import load_corpus
        >>> rating_form(load_corpus(), "student", folder=tempfile.mkdtemp()).saved().empty
        True
        """
        if not self.path.exists():
            return pd.DataFrame(columns=list(COLUMNS), dtype=str)
        rows = load_annotations(self.path, self.corpus, other_sources=True)
        return latest_annotations(rows)


def rating_form(
    corpus: Corpus,
    annotator: str,
    folder: str | Path | None = None,
    level: str = "source",
    targets: tuple[str, ...] | list[str] = ("article", "comments"),
    start: int = 0,
) -> RatingForm:
    """A form to rate ``corpus`` source by source, saving to ``<folder>/<annotator>.csv``.

    ``folder`` defaults to the store's (``$COURSE_WORK_DIR/annotations``); ``level`` is
    ``"source"`` (reliability only; credibility shown greyed) or ``"claim"``; ``targets`` are
    what can be rated in each source; ``start`` is the first source shown (0-based). End a
    cell with the form to show it.

    >>> import tempfile
    >>> from helpers.corpus import load_corpus
    >>> form = rating_form(load_corpus(), "student", folder=tempfile.mkdtemp(), start=1)
    >>> form.status
    'Source 2 of 5 (001_d05eff7ba99ae3f9), rating the article: not rated yet.'
    """
    return RatingForm(corpus, annotator, folder, level, targets, start)
