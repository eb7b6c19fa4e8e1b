import type { TipIntakeInput } from '../../../contracts/tips.ts';
import { jpegWithGps } from './image-metadata.fixtures.ts';
import { solveChallenge } from './tip-challenge.ts';

/** Test fixtures for tips (unit, integration and HTTP tests). */

export const SCRIPT_TEXT = '<script>alert("x")</script> Có người buôn bán ma túy tại hẻm 12 & "quán nước"';

/** A tip body without the challenge fields; files carry a JPEG with GPS metadata when asked. */
export function tipBody(over: Partial<TipIntakeInput> & { withPhoto?: boolean } = {}): Omit<TipIntakeInput, 'challenge' | 'solution'> {
  const { withPhoto, ...rest } = over;
  return {
    kind: 'to_giac',
    what: SCRIPT_TEXT,
    communeCode: '26743',
    address: '12 Lê Lợi, phường Bến Thành',
    point: { lat: 10.7725, lng: 106.698 },
    occurredAt: '2026-11-20',
    reporter: { name: 'Nguyễn Văn Báo', phone: '0909 000 111', keepSecret: true },
    files: withPhoto ? [{ filename: 'anh.jpg', contentBase64: jpegWithGps().toString('base64') }] : [],
    ...rest,
  };
}

/** Solve a challenge token (what the browser does). */
export const solved = (c: { token: string; difficulty: number }) => ({ challenge: c.token, solution: solveChallenge(c.token, c.difficulty) });
