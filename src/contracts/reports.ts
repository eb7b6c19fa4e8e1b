import { z } from 'zod';
import { isoDate, text, uuid } from './common.ts';
import { taskExportQuery } from './tasks.ts';

/**
 * Official documents generated as DOCX (reports module): the options every template takes. A GET
 * returns a draft (number and day left blank for the văn thư); a POST issues the document: it
 * takes a number in the issuing unit's register for the year (the documents registry; a number
 * and symbol already used that year → document.duplicate_number), stores the file with the
 * registry entry and returns it. Browser-safe.
 */
export const SIGNATURE_PREFIXES = ['TM', 'KT', 'TL', 'TUQ', 'Q'] as const;
export const REPORT_KINDS = ['conclusion-notice', 'assignment-list', 'review-report', 'campaign-report'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export const reportOptions = z.object({
  /** 'state' (NĐ 30/2020) or 'party' (HD 36-HD/VPTW); default from the issuing unit's type. */
  system: z.enum(['state', 'party']).optional(),
  /** Issuing unit; default: the conference host, the review's scope unit, or the user's unit. */
  issuerUnitId: uuid.optional(),
  /** Cơ quan chủ quản / cấp trên printed above the issuing body; default: the parent unit. */
  parentBody: text(200).optional(),
  /** The issuer's part of the symbol ("CATP", "ĐU"); default: the unit's code. */
  issuerSymbol: text(40).optional(),
  signaturePrefix: z.enum(SIGNATURE_PREFIXES).optional(),
  signatureAuthority: text(200).optional(),
  signerTitle: text(200).optional(),
  signerName: text(200).optional(),
});
export type ReportOptions = z.infer<typeof reportOptions>;

/** Issuing: a number (default: the next free one in the register) and the date (default: today). */
export const issueReportInput = reportOptions.extend({
  number: z.number().int().min(1).max(99_999_999).optional(),
  issuedOn: isoDate.optional(),
});
export type IssueReportInput = z.infer<typeof issueReportInput>;

export const assignmentListQuery = taskExportQuery.extend(reportOptions.shape);
export type AssignmentListQuery = z.infer<typeof assignmentListQuery>;
