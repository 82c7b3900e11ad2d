"""The one-page forms a customer fills in and hands back: the paper survey card.

A survey card carries the shop's letterhead, a short message (the template), one question
with a row of boxes to tick (0–10 for "how likely are you to recommend us", 1–5 for "how
satisfied were you"), lines for a comment, and the card's short code, which is typed back
in with the answer (core.scores). Text reaches the page only through `core.printing.pdf`.
"""
from __future__ import annotations

from reportlab.lib.colors import HexColor
from reportlab.pdfgen.canvas import Canvas

from core.printing import pdf
from core.printing.formats import MM
from core.printing.layouts import Design
from core.printing.types import Recipient

PANEL = HexColor("#f4f1ec")

# The ends of each scale, as printed under its boxes; a 1–5 scale names every box.
_NPS_ENDS = ("Not at all likely", "Extremely likely")
_CSAT_WORDS = ("Very unhappy", "Unhappy", "Neutral", "Satisfied", "Very satisfied")
_FALLBACK_QUESTIONS = {
    "nps": "How likely are you to recommend us to a friend or colleague?",
    "csat": "How satisfied were you with your last visit?",
}


def draw_form(canvas: Canvas, design: Design, recipient: Recipient) -> None:
    """A paper survey card on one page."""
    fmt, s, profile = design.fmt, design.styles, design.profile
    values = recipient.value_map()
    scale = values.get("survey_scale") or "nps"
    question = values.get("survey_question") or _FALLBACK_QUESTIONS.get(scale, "")
    w, h = fmt.page_size
    margin = fmt.margin
    inner = w - 2 * margin

    # Letterhead: logo left, the shop's name and address right.
    head_h = 18 * MM
    head_y = h - margin - head_h
    logo_h = design.logo.draw(canvas, margin, head_y, inner * 0.35, head_h, align="left")
    head = pdf.lines([profile.name], s.letterhead, pdf.RIGHT)
    head += pdf.lines(design.business_lines(), s.small, pdf.RIGHT)
    pdf.draw_block(canvas, head, margin + (inner * 0.4 if logo_h else 0), head_y,
                   inner * (0.6 if logo_h else 1), head_h, valign="BOTTOM")
    pdf.rule(canvas, margin, head_y - 4 * MM, inner, pdf.ACCENT, 0.8)

    # The message.
    title, body = design.merged(recipient)
    message: list[object] = []
    if title.strip():
        message += [pdf.paragraph(title, s.headline), pdf.Ornament(70)]
    message += pdf.paragraphs(body, s.body)
    if profile.signature_name:
        message.append(pdf.paragraph(profile.signature_name, s.signature))
    message_top = head_y - 10 * MM
    message_h = 62 * MM
    pdf.draw_block(canvas, message, margin, message_top - message_h, inner, message_h)

    # The question and its boxes, on a tinted panel.
    panel_h = 58 * MM
    panel_y = message_top - message_h - 6 * MM - panel_h
    _panel(canvas, margin, panel_y, inner, panel_h)
    pad = 7 * MM
    pdf.draw_block(canvas, [pdf.paragraph(question, s.title)], margin + pad,
                   panel_y + panel_h - pad - 16 * MM, inner - 2 * pad, 16 * MM)
    _boxes(canvas, design, scale, margin + pad, panel_y + pad, inner - 2 * pad,
           panel_h - 2 * pad - 18 * MM)

    # Room for a comment.
    comment_top = panel_y - 8 * MM
    line_gap = 9.5 * MM
    footer_h = 34 * MM
    count = max(2, min(6, int((comment_top - 10 * MM - (margin + footer_h)) // line_gap)))
    pdf.draw_block(canvas, [pdf.paragraph("Anything you would like to tell us?", s.title)],
                   margin, comment_top - 9 * MM, inner, 9 * MM)
    notes = pdf.NoteLines(count, line_gap)
    notes.wrapOn(canvas, inner, count * line_gap)
    notes.drawOn(canvas, margin, comment_top - 11 * MM - count * line_gap)

    # Whose card it is, and its code.
    code = values.get("survey_code", "")
    bottom = margin
    pdf.rule(canvas, margin, bottom + footer_h - 2 * MM, inner)
    who = pdf.lines([f"For {recipient.name}" if recipient.name else ""], s.body)
    return_note = ("Hand this card in at the counter, or post it to us at the address "
                   "above. Thank you!")
    who += pdf.lines([return_note], s.small)
    pdf.draw_block(canvas, who, margin, bottom + 4 * MM, inner * 0.6, footer_h - 10 * MM,
                   valign="MIDDLE")
    box_w, box_h = inner * 0.32, footer_h - 12 * MM
    box_x, box_y = margin + inner - box_w, bottom + 5 * MM
    canvas.saveState()
    canvas.setStrokeColor(pdf.ACCENT)
    canvas.setLineWidth(1)
    canvas.roundRect(box_x, box_y, box_w, box_h, 2 * MM, stroke=1, fill=0)
    canvas.restoreState()
    label = pdf.lines(["Card code"], s.small, pdf.CENTER)
    label += pdf.lines([code or " "], pdf.scaled(s.letterhead, 1.5), pdf.CENTER)
    pdf.draw_block(canvas, label, box_x, box_y, box_w, box_h, valign="MIDDLE")
    canvas.showPage()


def _panel(canvas: Canvas, x: float, y: float, width: float, height: float) -> None:
    canvas.saveState()
    canvas.setFillColor(PANEL)
    canvas.setStrokeColor(PANEL)
    canvas.roundRect(x, y, width, height, 3 * MM, stroke=0, fill=1)
    canvas.restoreState()


def _boxes(canvas: Canvas, design: Design, scale: str, x: float, y: float, width: float,
           height: float) -> None:
    """A numbered row of boxes to tick, the words of the scale under them."""
    s = design.styles
    numbers = list(range(11)) if scale == "nps" else list(range(1, 6))
    count = len(numbers)
    gap = 2.5 * MM if count > 5 else 8 * MM
    size = min(13 * MM, (width - gap * (count - 1)) / count)
    row_w = count * size + (count - 1) * gap
    left = x + (width - row_w) / 2
    box_y = y + height - size - 7 * MM
    number_style = pdf.aligned(s.body, pdf.CENTER)
    small = pdf.aligned(s.small, pdf.CENTER)
    canvas.saveState()
    canvas.setStrokeColor(pdf.INK)
    canvas.setFillColor(HexColor("#ffffff"))
    canvas.setLineWidth(0.9)
    for index in range(count):
        canvas.roundRect(left + index * (size + gap), box_y, size, size, 1.2 * MM,
                         stroke=1, fill=1)
    canvas.restoreState()
    for index, number in enumerate(numbers):
        bx = left + index * (size + gap)
        pdf.draw_block(canvas, [pdf.paragraph(str(number), number_style)], bx - gap / 2,
                       box_y + size + 1 * MM, size + gap, 6 * MM, valign="BOTTOM")
    words_y = box_y - 9 * MM
    if scale == "nps":
        left_word, right_word = _NPS_ENDS
        pdf.draw_block(canvas, [pdf.paragraph(left_word, s.small, pdf.LEFT)], left, words_y,
                       row_w / 2, 7 * MM)
        pdf.draw_block(canvas, [pdf.paragraph(right_word, s.small, pdf.RIGHT)],
                       left + row_w / 2, words_y, row_w / 2, 7 * MM)
        return
    for index, word in enumerate(_CSAT_WORDS):
        bx = left + index * (size + gap)
        pdf.draw_block(canvas, [pdf.paragraph(word, small)], bx - gap / 2, words_y,
                       size + gap, 7 * MM)
