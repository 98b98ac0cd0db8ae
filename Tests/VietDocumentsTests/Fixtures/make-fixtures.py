#!/usr/bin/env python3
"""Makes the VietDocuments test fixtures from a Công báo text already in Corpus/gov.

Run from the package root:
    python3 -m venv /tmp/fixtures-venv && /tmp/fixtures-venv/bin/pip install python-docx==1.2.0 reportlab==5.1.0
    /tmp/fixtures-venv/bin/python Tests/VietDocumentsTests/Fixtures/make-fixtures.py

Writes, beside this script:
  thong-tu-14-2026.txt   the source text (header parts one a line, then paragraphs): what each
                         reader must give back
  thong-tu-14-2026.docx  python-docx: the header in a 2×2 table, and every paragraph's runs split
                         inside syllables (as Word does when formatting changes mid-word)
  thong-tu-14-2026.pdf   reportlab with DejaVu Serif: the two-column header drawn side by side,
                         wrapped body paragraphs over two pages
  thong-tu-14-2026-p1-200dpi.png, -300dpi.png   page 1 rasterized by pdftoppm (grey), as a scan
Tests read these committed files; they never run this script.
"""
import gzip, json, os, subprocess, sys, unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
DOC_ID = "congbao:thong-tu-so-14-2026-tt-btc-469036"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
FONT_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf"


def source():
    with gzip.open(os.path.join(ROOT, "Corpus", "gov", "gov-sample.jsonl.gz"), "rt", encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            if record["id"] == DOC_ID:
                return record["text"]
    sys.exit(f"{DOC_ID} not in Corpus/gov/gov-sample.jsonl.gz")


def structure(text):
    """Header parts and body paragraphs. The gazette's running heads, page numbers and
    signature stamps are dropped; lines the gazette wrapped inside a sentence are joined."""
    lines = [l.strip() for l in text.split("\n")]
    keep = []
    for l in lines:
        if l.startswith("CÔNG BÁO/") or l.isdigit() or l.startswith(("Ký bởi:", "Cơ quan:", "Ngày ký:")):
            continue
        keep.append(l)
    header = {
        "issuer": "BỘ TÀI CHÍNH",
        "number": "Số: 14/2026/TT-BTC",
        "motto": ["CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"],
        "date": "Hà Nội, ngày 02 tháng 3 năm 2026",
        "type": "THÔNG TƯ",
    }
    start = keep.index("THÔNG TƯ") + 1
    summary = []
    while keep[start]:
        summary.append(keep[start])
        start += 1
    body_lines = keep[start:]
    # The first 40 body lines: two printed pages.
    body_lines = [l for l in body_lines if l][:40]
    paragraphs = []
    for l in body_lines:
        starts_block = l[:1].isupper() or l[:1].isdigit() or l.startswith(("a)", "b)", "c)"))
        if paragraphs and not starts_block:
            paragraphs[-1] += " " + l
        else:
            paragraphs.append(l)
    header["summary"] = " ".join(summary)
    return header, paragraphs


def expected_text(header, paragraphs):
    # The header row by row, each part on a line of its own: issuer and motto, then number and
    # date (a two-column header has no single reading order; this is the row order).
    lines = [header["issuer"], *header["motto"], header["number"], header["date"], header["type"], header["summary"], *paragraphs]
    return unicodedata.normalize("NFC", "\n".join(lines) + "\n")


def split_runs(paragraph, text):
    """Adds text as runs cut every 7 characters, so many cuts fall inside syllables."""
    for i in range(0, len(text), 7):
        paragraph.add_run(text[i:i + 7])


def make_docx(header, paragraphs, path):
    import docx
    document = docx.Document()
    document.core_properties.title = "Thông tư 14/2026/TT-BTC"
    document.core_properties.author = "vitext fixtures"
    table = document.add_table(rows=2, cols=2)
    split_runs(table.cell(0, 0).paragraphs[0], header["issuer"])
    split_runs(table.cell(0, 1).paragraphs[0], header["motto"][0])
    split_runs(table.cell(0, 1).add_paragraph(), header["motto"][1])
    split_runs(table.cell(1, 0).paragraphs[0], header["number"])
    split_runs(table.cell(1, 1).paragraphs[0], header["date"])
    split_runs(document.add_paragraph(), header["type"])
    split_runs(document.add_paragraph(), header["summary"])
    for text in paragraphs:
        split_runs(document.add_paragraph(), text)
    document.save(path)


def make_pdf(header, paragraphs, path):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
    from reportlab.rl_config import defaultPageSize
    import reportlab.rl_config
    reportlab.rl_config.invariant = 1  # fixed dates and ids: the same bytes on every run
    pdfmetrics.registerFont(TTFont("DejaVuSerif", FONT))
    pdfmetrics.registerFont(TTFont("DejaVuSerif-Bold", FONT_BOLD))
    body = ParagraphStyle("body", fontName="DejaVuSerif", fontSize=12, leading=16, firstLineIndent=24, spaceAfter=4, alignment=4)
    centre = ParagraphStyle("centre", fontName="DejaVuSerif", fontSize=12, leading=16, alignment=1)
    bold = ParagraphStyle("bold", parent=centre, fontName="DejaVuSerif-Bold")
    head = Table(
        [[Paragraph(header["issuer"], bold), Paragraph(header["motto"][0], bold)],
         ["", Paragraph(header["motto"][1], bold)],
         [Paragraph(header["number"], centre), Paragraph("<i>%s</i>" % header["date"], centre)]],
        colWidths=[150, 330])
    head.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    story = [head, Spacer(1, 24), Paragraph(header["type"], bold), Paragraph(header["summary"], bold), Spacer(1, 12)]
    story += [Paragraph(text, body) for text in paragraphs]
    document = SimpleDocTemplate(path, pagesize=A4, title="Thông tư 14/2026/TT-BTC", author="vitext fixtures",
                                 leftMargin=85, rightMargin=57, topMargin=57, bottomMargin=57)
    document.build(story)


def main():
    header, paragraphs = structure(source())
    base = os.path.join(HERE, "thong-tu-14-2026")
    with open(base + ".txt", "w", encoding="utf-8") as f:
        f.write(expected_text(header, paragraphs))
    make_docx(header, paragraphs, base + ".docx")
    make_pdf(header, paragraphs, base + ".pdf")
    for dpi in (200, 300):
        subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", "-f", "1", "-l", "1", "-singlefile",
                        base + ".pdf", f"{base}-p1-{dpi}dpi"], check=True)
    print("wrote", ", ".join(sorted(n for n in os.listdir(HERE) if n.startswith("thong-tu-14-2026"))))


if __name__ == "__main__":
    main()
