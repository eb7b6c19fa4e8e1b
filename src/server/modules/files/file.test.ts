import { describe, expect, it } from 'vitest';
import { DomainError } from '../../kernel/errors.ts';
import { checkUpload, contentDisposition, detectFileType, zipEntryNames } from './file.ts';
import { makeZip } from './file.fixtures.ts';

const PDF = Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n');
const DOCX = makeZip(['[Content_Types].xml', '_rels/.rels', 'word/document.xml']);
const XLSX = makeZip(['[Content_Types].xml', 'xl/workbook.xml']);
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]);
const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0, 0, 0, 0]), Buffer.from('WEBPVP8 ')]);

const code = (fn: () => unknown): string | null => {
  try {
    fn();
    return null;
  } catch (e) {
    return e instanceof DomainError ? `${e.code}${e.params.reason ? `:${String(e.params.reason)}` : ''}` : String(e);
  }
};

describe('files', () => {
  it('reads ZIP entry names from the central directory', () => {
    expect(zipEntryNames(DOCX)).toEqual(['[Content_Types].xml', '_rels/.rels', 'word/document.xml']);
    expect(zipEntryNames(Buffer.from('PK\x03\x04garbage'))).toBeNull();
  });

  it.each([
    ['pdf', PDF, 'pdf'],
    ['docx', DOCX, 'docx'],
    ['xlsx is a zip without word/', XLSX, null],
    ['plain zip', makeZip(['a.txt']), null],
    ['exe', EXE, null],
    ['png', PNG, 'png'],
    ['jpeg', JPEG, 'jpeg'],
    ['webp', WEBP, 'webp'],
    ['text', Buffer.from('hello'), null],
    ['PDF marker not at start', Buffer.concat([Buffer.from(' '), PDF]), null],
  ] as const)('detects %s', (_n, bytes, type) => expect(detectFileType(bytes)).toBe(type));

  it.each([
    ['bao-cao.pdf', PDF, null],
    ['Kết luận.docx', DOCX, null],
    ['anh.JPG', JPEG, null],
    ['khong-duoi', PDF, null],
    ['bao-cao.pdf', makeZip(['a.txt']), 'file.type_not_allowed:content'],
    ['bao-cao.pdf', EXE, 'file.type_not_allowed:content'],
    ['bao-cao.pdf', DOCX, 'file.type_not_allowed:extension_mismatch'],
    ['virus.exe', PDF, 'file.type_not_allowed:extension_mismatch'],
    ['rong.pdf', Buffer.alloc(0), 'file.empty'],
  ] as const)('checkUpload %s', (name, bytes, expected) => expect(code(() => checkUpload(name, bytes))).toBe(expected));

  it('refuses by size before looking at the content', () => {
    expect(code(() => checkUpload('a.pdf', Buffer.concat([PDF, Buffer.alloc(100)]), 50))).toBe('file.too_large');
    expect(code(() => checkUpload('a.pdf', PDF, PDF.length))).toBeNull();
  });

  it('cleans names and adds the extension when missing', () => {
    expect(checkUpload('C:\\tai lieu\\Kết luận 21.pdf', PDF).filename).toBe('Kết luận 21.pdf');
    expect(checkUpload('khong-duoi', PDF).filename).toBe('khong-duoi.pdf');
  });

  it('Content-Disposition carries an ASCII fallback and the UTF-8 name', () => {
    expect(contentDisposition('Kết luận "21".pdf')).toBe(`attachment; filename="Ket luan _21_.pdf"; filename*=UTF-8''K%E1%BA%BFt%20lu%E1%BA%ADn%20%2221%22.pdf`);
  });
});
