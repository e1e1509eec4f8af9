import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { simpleParser } from 'mailparser';
import type { OutgoingMail } from '../../modules/notifications/notification.types';
import { fileKey, LocalMailTransport, type StoredMail } from './local-mail-transport';

function mail(overrides: Partial<OutgoingMail> = {}): OutgoingMail {
  return {
    from: '"Sitzungsdienst Kreis Recklinghausen" <sitzungsdienst@kreis-re.example>',
    to: { name: 'Jürgen Müller-Lüdenscheidt', email: 'awd-01@example.org' },
    messageId: 'outbox-42.1@ratsweg.kreis-re.example',
    subject: 'Einladung: Sitzung Ausschuss für Wirtschaftspolitik und Digitales am 31.08.2021, 17:00 Uhr',
    text: 'Guten Tag Jürgen Müller-Lüdenscheidt,\n\nhiermit laden wir Sie ein. Größe, Maß, Übersicht.\n',
    html: '<!doctype html>\n<html lang="de"><head><meta charset="utf-8"><title>Einladung</title></head><body><p>Größe &amp; Maß</p></body></html>\n',
    ...overrides,
  };
}

function emlFiles(directory: string): string[] {
  return fs.readdirSync(directory).filter((name) => name.endsWith('.eml'));
}

describe('LocalMailTransport', () => {
  let root: string;
  let directory: string;
  const fixedNow = () => new Date('2021-08-20T08:15:30.123Z');

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'ratsweg-mail-'));
    directory = path.join(root, 'outbox', 'mails'); // does not exist yet
  });

  afterEach(() => {
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('writes the RFC 822 message to <timestamp>-<Message-ID>.eml and reports it once', async () => {
    const stored: StoredMail[] = [];
    const transport = new LocalMailTransport(directory, async (s) => void stored.push(s), fixedNow);

    const bodyId = '5b0c8a4e-8d1f-4d55-9a53-0c2f2f6d1e01';
    const result = await transport.send(mail({ bodyId }));

    expect(result).toEqual({ messageId: '<outbox-42.1@ratsweg.kreis-re.example>', accepted: true });
    expect(fs.readdirSync(directory)).toEqual(['20210820T081530123Z-outbox-42.1@ratsweg.kreis-re.example.eml']);
    const file = path.join(directory, '20210820T081530123Z-outbox-42.1@ratsweg.kreis-re.example.eml');
    const raw = fs.readFileSync(file, 'utf8');
    expect(raw).not.toContain('\r\n');

    const parsed = await simpleParser(raw);
    expect(parsed.subject).toBe('Einladung: Sitzung Ausschuss für Wirtschaftspolitik und Digitales am 31.08.2021, 17:00 Uhr');
    expect(parsed.from?.value).toEqual([{ name: 'Sitzungsdienst Kreis Recklinghausen', address: 'sitzungsdienst@kreis-re.example' }]);
    const to = Array.isArray(parsed.to) ? parsed.to[0] : parsed.to;
    expect(to?.value).toEqual([{ name: 'Jürgen Müller-Lüdenscheidt', address: 'awd-01@example.org' }]);
    expect(parsed.messageId).toBe('<outbox-42.1@ratsweg.kreis-re.example>');
    expect(parsed.text).toContain('Größe, Maß, Übersicht.');
    expect(parsed.html).toContain('<p>Größe &amp; Maß</p>');
    expect(parsed.headers.get('auto-submitted')).toBe('auto-generated');
    expect(parsed.headers.get('content-language')).toBe('de');

    expect(stored).toEqual([
      {
        messageId: '<outbox-42.1@ratsweg.kreis-re.example>',
        to: 'awd-01@example.org',
        subject: mail().subject,
        file,
        raw,
        bodyId,
      },
    ]);
    // The body scopes the local mailbox; it is no part of the message.
    expect(raw).not.toContain(bodyId);
  });

  it('is idempotent per Message-ID, with or without angle brackets and when sent concurrently', async () => {
    const onStored = jest.fn(async () => undefined);
    const transport = new LocalMailTransport(directory, onStored);

    await transport.send(mail());
    await transport.send(mail({ messageId: '<outbox-42.1@ratsweg.kreis-re.example>', subject: 'geändert' }));
    await Promise.all([transport.send(mail({ messageId: 'outbox-43@r' })), transport.send(mail({ messageId: 'outbox-43@r' }))]);
    // A second instance on the same directory (a restarted worker) finds the file too.
    await new LocalMailTransport(directory, onStored).send(mail());

    expect(emlFiles(directory)).toHaveLength(2);
    expect(onStored).toHaveBeenCalledTimes(2);
    expect(fs.readdirSync(directory).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('keeps Message-IDs apart that only differ in characters a file name cannot hold', async () => {
    const transport = new LocalMailTransport(directory);
    await transport.send(mail({ messageId: 'a/b@r' }));
    await transport.send(mail({ messageId: 'a_b@r' }));
    await transport.send(mail({ messageId: 'x-b@r' }));
    await transport.send(mail({ messageId: 'b@r' })); // "…Z-x-b@r.eml" ends in "-b@r.eml", yet is another mail

    expect(fileKey('a/b@r')).toBe('a_2Fb@r');
    expect(fileKey('a_b@r')).toBe('a_5Fb@r');
    expect(emlFiles(directory)).toHaveLength(4);
    expect(emlFiles(directory).every((name) => /^\d{8}T\d{9}Z-[A-Za-z0-9.@_~-]+\.eml$/.test(name))).toBe(true);
  });

  it('shortens a very long Message-ID to a bounded, still distinct file name', () => {
    const long = `${'x'.repeat(300)}@ratsweg`;
    expect(fileKey(long).length).toBeLessThanOrEqual(150);
    expect(fileKey(long)).not.toBe(fileKey(`${'x'.repeat(301)}@ratsweg`));
  });

  it('removes the file when onStored fails, so that the retry stores and reports again', async () => {
    const onStored = jest.fn<Promise<void>, [StoredMail]>().mockRejectedValueOnce(new Error('Datenbank weg')).mockResolvedValue(undefined);
    const transport = new LocalMailTransport(directory, onStored);

    await expect(transport.send(mail())).rejects.toThrow('Datenbank weg');
    expect(emlFiles(directory)).toEqual([]);

    await transport.send(mail());
    expect(emlFiles(directory)).toHaveLength(1);
    expect(onStored).toHaveBeenCalledTimes(2);
  });

  it('refuses to send after close and rejects a malformed Message-ID', async () => {
    const transport = new LocalMailTransport(directory);
    await expect(transport.send(mail({ messageId: 'zwei teile@r' }))).rejects.toThrow(RangeError);
    await transport.close();
    await expect(transport.send(mail())).rejects.toMatchObject({ code: 'MAIL.TRANSPORT_CLOSED' });
  });
  it('carries a stored document as an attachment, byte for byte, also in the .eml with its line ends normalised', async () => {
    const transport = new LocalMailTransport(directory, async () => {}, fixedNow);
    const content = Buffer.from('<!doctype html>\n<html lang="de">\n<p>Beschlussauszug – TOP 5</p>\r\n</html>\n', 'utf8');
    await transport.send(mail({ attachments: [{ filename: 'beschlussauszug-top-5.html', contentType: 'text/html; charset=utf-8', content }] }));
    const [file] = emlFiles(directory);
    const parsed = await simpleParser(fs.readFileSync(path.join(directory, file), 'utf8'));
    expect(parsed.attachments).toHaveLength(1);
    expect(parsed.attachments[0].filename).toBe('beschlussauszug-top-5.html');
    expect(parsed.attachments[0].contentType).toBe('text/html');
    expect(parsed.attachments[0].content.equals(content)).toBe(true);
  });
});
