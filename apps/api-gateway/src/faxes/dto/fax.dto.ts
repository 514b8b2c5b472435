import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FaxResolution, FaxStatus, PageSize } from '@mintfax/db';
import { FAILURE_CODES, type AttemptObject, type CoverPageObject, type FailureCode, type FaxObject } from '@mintfax/faxes';
import { ListPageDto } from '../../common/list-page.dto';

/** What an upload may be, decided by its content; every one becomes a fax-ready PDF. */
const SOURCE_TYPES = ['application/pdf', 'image/tiff', 'image/jpeg', 'image/png'] as const;
const COVER_TEMPLATES = ['standard', 'hipaa'] as const satisfies readonly CoverPageObject['template'][];
// An attempt has no outcome while its call is still up.
const ATTEMPT_OUTCOMES = ['delivered', 'failed'] as const;

/** The `/image` answer: the fax-ready PDF. */
export const FAX_IMAGE_CONTENT = { 'application/pdf': { schema: { type: 'string', format: 'binary' } } };

type FaxDocument = FaxObject['document'];
type FaxDocumentSource = FaxDocument['source'];

export class FaxDocumentSourceDto implements FaxDocumentSource {
  @ApiProperty({ enum: SOURCE_TYPES, description: 'Decided by the content, never by the file name.' })
  content_type!: string;

  @ApiProperty({ example: 2048 })
  size_bytes!: number;

  @ApiProperty({ description: 'SHA-256 of the uploaded bytes, hex.' })
  sha256!: string;

  @ApiProperty({ type: String, nullable: true, example: 'scan.tif' })
  filename!: string | null;
}

/** The fax-ready PDF: what the carrier gets, `/image` serves and the pages bill. */
export class FaxDocumentDto implements FaxDocument {
  @ApiProperty({ example: 'application/pdf' })
  content_type!: string;

  @ApiProperty({ example: 1024 })
  size_bytes!: number;

  @ApiProperty({ description: 'SHA-256 of the fax-ready PDF, hex.' })
  sha256!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the document bytes were deleted.' })
  purged_at!: string | null;

  @ApiProperty({ type: () => FaxDocumentSourceDto, description: 'The upload as received.' })
  source!: FaxDocumentSourceDto;
}

export class CoverPageDto implements CoverPageObject {
  @ApiProperty({ enum: COVER_TEMPLATES })
  template!: CoverPageObject['template'];

  @ApiProperty({ type: String, nullable: true, description: 'Not printed on a `hipaa` cover.' })
  recipient_name!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Not printed on a `hipaa` cover.' })
  subject!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Not printed on a `hipaa` cover.' })
  message!: string | null;
}

export class FaxAttemptDto implements AttemptObject {
  @ApiProperty({ example: 1 })
  number!: number;

  @ApiProperty({ enum: ATTEMPT_OUTCOMES, nullable: true, description: 'Null while the attempt is under way.' })
  outcome!: (typeof ATTEMPT_OUTCOMES)[number] | null;

  @ApiProperty({ enum: FAILURE_CODES, nullable: true })
  failure_code!: FailureCode | null;

  @ApiProperty({ type: String, nullable: true })
  failure_message!: string | null;

  @ApiProperty()
  pages_sent!: number;

  @ApiProperty({ format: 'date-time' })
  started_at!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  ended_at!: string | null;
}

/** docs/api/routes.md "The fax object". */
export class FaxDto implements FaxObject {
  @ApiProperty({ example: 'fax_01J9XYZQ8KH7B3R0WXAZP8VW6F' })
  id!: string;

  @ApiProperty({ enum: ['fax'] })
  object!: 'fax';

  @ApiProperty({ example: 'env_01J9XYZQ8KH7B3R0WXAZP8VW6F' })
  environment_id!: string;

  @ApiProperty({ example: '+15005550001' })
  to!: string;

  @ApiProperty({ type: String, nullable: true })
  from!: string | null;

  @ApiProperty({ enum: Object.values(FaxStatus) })
  status!: FaxStatus;

  @ApiProperty({ description: 'Pages billed.' })
  pages!: number;

  @ApiProperty({ description: 'Credits held for the fax.' })
  cost!: number;

  @ApiProperty({ type: Number, nullable: true, description: 'Credits captured once the fax is final; null before.' })
  charged!: number | null;

  @ApiProperty({ description: 'Attempts made so far.' })
  attempts!: number;

  @ApiProperty({ minimum: 1, maximum: 10 })
  max_attempts!: number;

  @ApiProperty({ enum: FAILURE_CODES, nullable: true })
  failure_code!: FailureCode | null;

  @ApiProperty({ type: String, nullable: true })
  failure_message!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  next_attempt_at!: string | null;

  @ApiProperty({ type: () => FaxDocumentDto })
  document!: FaxDocumentDto;

  @ApiProperty({ type: String, nullable: true, maxLength: 20, description: 'Station id printed in the header line.' })
  csid!: string | null;

  @ApiProperty({ enum: Object.values(PageSize) })
  page_size!: PageSize;

  @ApiProperty({ enum: Object.values(FaxResolution) })
  resolution!: FaxResolution;

  @ApiProperty({ type: [String], maxItems: 10 })
  tags!: string[];

  @ApiProperty({ type: () => CoverPageDto, nullable: true, description: 'Page one of the fax; null without a cover page.' })
  cover_page!: CoverPageDto | null;

  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } })
  metadata!: Record<string, string>;

  @ApiProperty({ type: String, nullable: true, description: 'The fax this one resends.' })
  resend_of!: string | null;

  @ApiProperty({ format: 'date-time' })
  created_at!: string;

  @ApiProperty({ format: 'date-time' })
  updated_at!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  completed_at!: string | null;

  @ApiPropertyOptional({ type: [FaxAttemptDto], description: 'Only when one fax is fetched by id.' })
  attempts_log?: FaxAttemptDto[];
}

/** What remains of a deleted fax in its events. */
export class DeletedFaxDto {
  @ApiProperty({ example: 'fax_01J9XYZQ8KH7B3R0WXAZP8VW6F' })
  id!: string;

  @ApiProperty({ enum: ['fax'] })
  object!: 'fax';

  @ApiProperty({ type: Boolean, description: 'Always true.' })
  deleted!: true;
}

export class FaxListDto extends ListPageDto(FaxDto) {}
