import { fieldErrors } from './ErrorNotice';
import { Field } from './Field';

/** The send options of `POST /v1/faxes`, as the form holds them: '' leaves the environment's default. */
export interface SendOptions {
  coverPage: '' | 'none' | 'standard' | 'hipaa';
  recipientName: string;
  subject: string;
  message: string;
  csid: string;
  pageSize: '' | 'letter' | 'a4';
  resolution: '' | 'standard' | 'fine';
  tags: string;
}

export const NO_OPTIONS: SendOptions = { coverPage: '', recipientName: '', subject: '', message: '', csid: '', pageSize: '', resolution: '', tags: '' };

/** The options as multipart fields, only those given; tags as a repeated field. */
export function appendOptions(form: FormData, options: SendOptions): void {
  if (options.coverPage) form.set('cover_page', options.coverPage);
  if (options.coverPage && options.coverPage !== 'none') {
    if (options.recipientName.trim()) form.set('recipient_name', options.recipientName.trim());
    if (options.subject.trim()) form.set('subject', options.subject.trim());
    if (options.message.trim()) form.set('message', options.message.trim());
  }
  if (options.csid.trim()) form.set('csid', options.csid.trim());
  if (options.pageSize) form.set('page_size', options.pageSize);
  if (options.resolution) form.set('resolution', options.resolution);
  for (const tag of options.tags.split(',').map((item) => item.trim()).filter(Boolean)) form.append('tags', tag);
}

export function SendOptionsFields({
  options,
  onChange,
  error,
  environmentCover,
}: {
  options: SendOptions;
  onChange(options: SendOptions): void;
  error: unknown;
  environmentCover: string | undefined;
}) {
  const set = <K extends keyof SendOptions>(key: K, value: SendOptions[K]) => onChange({ ...options, [key]: value });
  const cover = options.coverPage || environmentCover || 'none';
  const errors = (field: string) => fieldErrors(error, field) ?? fieldErrors(error, `cover_page.${field}`);
  return (
    <>
      <Field label="Cover page" hint={`Page one, billed like any page. The environment's default is ${environmentCover ?? 'none'}.`} errors={fieldErrors(error, 'cover_page')}>
        {(props) => (
          <select {...props} name="cover_page" value={options.coverPage} onChange={(event) => set('coverPage', event.target.value as SendOptions['coverPage'])}>
            <option value="">Environment default</option>
            <option value="none">None</option>
            <option value="standard">Standard</option>
            <option value="hipaa">HIPAA (confidentiality notice; no subject or message printed)</option>
          </select>
        )}
      </Field>
      {cover !== 'none' && (
        <>
          <Field label="Recipient name" errors={errors('recipient_name')}>
            {(props) => <input {...props} name="recipient_name" maxLength={100} value={options.recipientName} onChange={(event) => set('recipientName', event.target.value)} />}
          </Field>
          <Field label="Subject" errors={errors('subject')}>
            {(props) => <input {...props} name="subject" maxLength={200} value={options.subject} onChange={(event) => set('subject', event.target.value)} />}
          </Field>
          <Field label="Message" errors={errors('message')}>
            {(props) => <textarea {...props} name="message" maxLength={2000} rows={3} value={options.message} onChange={(event) => set('message', event.target.value)} />}
          </Field>
        </>
      )}
      <Field label="Station id (CSID)" hint="Printed in the header line; up to 20 printable ASCII characters." errors={fieldErrors(error, 'csid')}>
        {(props) => <input {...props} name="csid" maxLength={20} value={options.csid} onChange={(event) => set('csid', event.target.value)} />}
      </Field>
      <Field label="Page size" errors={fieldErrors(error, 'page_size')}>
        {(props) => (
          <select {...props} name="page_size" value={options.pageSize} onChange={(event) => set('pageSize', event.target.value as SendOptions['pageSize'])}>
            <option value="">Environment default</option>
            <option value="letter">Letter</option>
            <option value="a4">A4</option>
          </select>
        )}
      </Field>
      <Field label="Resolution" errors={fieldErrors(error, 'resolution')}>
        {(props) => (
          <select {...props} name="resolution" value={options.resolution} onChange={(event) => set('resolution', event.target.value as SendOptions['resolution'])}>
            <option value="">Fine (default)</option>
            <option value="fine">Fine</option>
            <option value="standard">Standard</option>
          </select>
        )}
      </Field>
      <Field label="Tags" hint="Comma separated, at most 10; the Faxes page filters by one." errors={fieldErrors(error, 'tags')}>
        {(props) => <input {...props} name="tags" value={options.tags} onChange={(event) => set('tags', event.target.value)} />}
      </Field>
    </>
  );
}
