"""What every accessible PDF of the site must be: text, tags, language, title; and its QR codes read back."""

import io

import pypdf
import pypdfium2
import zxingcpp


def read_pdf(data):
    """The PDF ``data`` checked for what makes it accessible; returns its reader."""
    assert data.startswith(b"%PDF-")
    reader = pypdf.PdfReader(io.BytesIO(data))
    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog, "not a tagged PDF"
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert catalog["/Lang"] == "sv"
    return reader


def pdf_text(reader):
    return "\n".join(page.extract_text() for page in reader.pages)


def qr_codes(data):
    """The texts of the QR codes on the PDF's first page, rendered as a printer would and scanned."""
    document = pypdfium2.PdfDocument(data)
    bitmap = document[0].render(scale=2).to_pil()
    return [
        barcode.text for barcode in zxingcpp.read_barcodes(bitmap) if barcode.format == zxingcpp.BarcodeFormat.QRCode
    ]
