import {
  AlignmentType,
  Document,
  FootnoteReferenceRun,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  LevelFormat,
} from 'docx';
import { strToU8, zipSync } from 'fflate';
import { PDFDocument, StandardFonts } from 'pdf-lib';

/**
 * Small documents of every format, made by the tests themselves with the
 * libraries real documents are made with (docx, pdf-lib, fflate), so no
 * binary fixture is committed and every expectation sits beside its input.
 */

/** A Word document: title, headings, a word split over two runs, a list, a table, a footnote. */
export async function makeDocx(): Promise<Uint8Array> {
  const doc = new Document({
    numbering: {
      config: [
        {
          reference: 'bullets',
          levels: [{ level: 0, format: LevelFormat.BULLET, text: '•', alignment: AlignmentType.LEFT }],
        },
      ],
    },
    footnotes: { 1: { children: [new Paragraph('Sumber: Kementerian Luar Negeri.')] } },
    sections: [
      {
        children: [
          new Paragraph({ text: 'Kerja sama Vietnam dan China', heading: HeadingLevel.HEADING_1 }),
          new Paragraph({
            children: [
              new TextRun('Kedua negara sepakat melanjutkan '),
              new TextRun({ text: 'pem', bold: true }),
              new TextRun('bangunan jalur kereta'),
              new FootnoteReferenceRun(1),
              new TextRun('.'),
            ],
          }),
          new Paragraph({ text: 'Bidang kerja sama', heading: HeadingLevel.HEADING_2 }),
          new Paragraph({ text: 'Perdagangan', numbering: { reference: 'bullets', level: 0 } }),
          new Paragraph({ text: 'Energi', numbering: { reference: 'bullets', level: 0 } }),
          new Table({
            rows: [
              new TableRow({
                children: [
                  new TableCell({ children: [new Paragraph('Tahun')] }),
                  new TableCell({ children: [new Paragraph('Nilai')] }),
                ],
              }),
              new TableRow({
                children: [
                  new TableCell({ children: [new Paragraph('2024')] }),
                  new TableCell({ children: [new Paragraph('200')] }),
                ],
              }),
            ],
          }),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

const ODT_CONTENT = `<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
  xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
  xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" office:version="1.3">
 <office:body><office:text>
  <text:sequence-decls><text:sequence-decl text:name="Table"/></text:sequence-decls>
  <text:h text:outline-level="1">Laut China Selatan</text:h>
  <text:p>Kapal <text:span>pen</text:span>jaga pantai terlihat<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>Menurut saksi.</text:p></text:note-body></text:note> di dekat   karang.</text:p>
  <text:p>Dua<text:s text:c="2"/>spasi &amp; entitas.</text:p>
  <text:h text:outline-level="2">Reaksi</text:h>
  <text:list><text:list-item><text:p>Protes resmi</text:p></text:list-item></text:list>
  <table:table><table:table-row><table:table-cell><text:p>Negara</text:p></table:table-cell><table:table-cell><text:p>Kapal</text:p></table:table-cell></table:table-row></table:table>
  <office:annotation><text:p>komentar editor</text:p></office:annotation>
 </office:text></office:body>
</office:document-content>`;

/** An OpenDocument text zipped by fflate, mimetype first and stored, as the format asks. */
export function makeOdt(content = ODT_CONTENT): Uint8Array {
  return zipSync({
    mimetype: [strToU8('application/vnd.oasis.opendocument.text'), { level: 0 }],
    'content.xml': strToU8(content),
    'META-INF/manifest.xml': strToU8(
      '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>',
    ),
  });
}

/**
 * A two-page PDF with a running header and page numbers, a word hyphenated
 * at a line end, two paragraphs (the second indented) and a larger heading.
 */
export async function makePdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let n = 1; n <= 2; n++) {
    const page = doc.addPage([400, 600]);
    const text = (s: string, x: number, y: number, size = 11) => page.drawText(s, { x, y, size, font });
    text('Laporan Tahunan 2026', 40, 570, 8);
    text(`Halaman ${n}`, 180, 20, 8);
    if (n === 1) {
      text('Ringkasan', 40, 520, 18);
      text('Kedua negara melanjutkan pem-', 40, 490);
      text('bangunan jalur kereta api.', 40, 476);
      text('Paragraf kedua dimulai dengan', 56, 462);
      text('baris yang menjorok.', 40, 448);
    } else {
      text('Halaman kedua berisi teks lain.', 40, 490);
    }
  }
  return doc.save();
}

/** A PDF whose only page has a drawing and no text layer, as a scan has. */
export async function makeScannedPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage([400, 600]).drawRectangle({ x: 20, y: 20, width: 200, height: 300 });
  return doc.save();
}

/**
 * A PDF written by hand, for what pdf-lib cannot make: a font whose
 * encoding maps a byte to the `fi` ligature glyph, and an /Encrypt
 * dictionary that no empty password opens.
 */
export function makeRawPdf(options: { ligature?: boolean; encrypted?: boolean }): Uint8Array {
  const stream = options.ligature
    ? 'BT /F1 12 Tf 40 500 Td (Kon\\310rmasi \\310nal) Tj ET'
    : 'BT /F1 12 Tf 40 500 Td (Rahasia) Tj ET';
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 400 600] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /Type /Encoding /BaseEncoding /WinAnsiEncoding /Differences [200 /fi] >> >>',
  ];
  if (options.encrypted) {
    objects.push(
      `<< /Filter /Standard /V 1 /R 2 /Length 40 /P -4 /O <${'11'.repeat(32)}> /U <${'22'.repeat(32)}> >>`,
    );
  }
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) pdf += `${String(offset).padStart(10, '0')} 00000 n \n`;
  const encrypt = options.encrypted
    ? ` /Encrypt ${objects.length} 0 R /ID [<${'ab'.repeat(16)}> <${'ab'.repeat(16)}>]`
    : '';
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R${encrypt} >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(pdf, 'latin1'));
}

/** A saved news page: navigation, ads, a "read also" box and a footer around the article. */
export function newsPage(options: {
  charset: 'utf-8' | 'windows-1252';
  body: string;
  headline: string;
}): string {
  const filler =
    'Para pejabat dari kedua negara bertemu di ibu kota untuk membahas rencana kerja sama ekonomi dan keamanan maritim yang lebih luas selama lima tahun ke depan.';
  return `<!DOCTYPE html>
<html lang="id"><head><meta charset="${options.charset}"><title>${options.headline} | Berita Kita</title>
<script>document.write('iklan')</script><style>.ad{display:none}</style></head>
<body>
<nav class="menu"><ul><li><a href="/">Beranda</a></li><li><a href="/politik">Politik</a></li><li><a href="/ekonomi">Ekonomi</a></li></ul></nav>
<header><h1 class="logo">Berita Kita</h1></header>
<div class="ad">IKLAN: Beli sekarang, diskon besar!</div>
<main><article>
<h1>${options.headline}</h1>
<p>${options.body}</p>
<p>${filler}</p>
<h2>Latar belakang</h2>
<p>${filler} ${filler}</p>
</article>
<aside class="related"><h3>Baca juga</h3><ul><li><a href="/a">Berita lain satu</a></li><li><a href="/b">Berita lain dua</a></li></ul></aside>
</main>
<footer><p>© 2026 Berita Kita. Hak cipta dilindungi undang-undang.</p><a href="/kontak">Kontak</a></footer>
</body></html>`;
}
