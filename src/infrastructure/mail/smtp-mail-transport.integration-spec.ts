/**
 * Against a real SMTP server: smtp-server, started in the test on a free port. What the
 * server received is parsed back with mailparser, as a mail client would read it.
 */
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import type { OutgoingMail } from '../../modules/notifications/notification.types';
import { MailDeliveryError } from './mail.errors';
import { SmtpMailTransport } from './smtp-mail-transport';

interface Received {
  from: string | false;
  to: string[];
  raw: Buffer;
}

const REJECTED = 'unbekannt@example.org';

function startServer(received: Received[], extra: Partial<SMTPServerOptions> = {}): Promise<SMTPServer> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (address.address !== REJECTED) return callback();
      callback(Object.assign(new Error('Postfach unbekannt'), { responseCode: 550 }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom && session.envelope.mailFrom.address,
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          raw: Buffer.concat(chunks),
        });
        callback();
      });
    },
    ...extra,
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

function stopServer(server: SMTPServer): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

function portOf(server: SMTPServer): number {
  return (server.server.address() as AddressInfo).port;
}

function mail(overrides: Partial<OutgoingMail> = {}): OutgoingMail {
  return {
    from: '"Sitzungsdienst Kreis Recklinghausen" <sitzungsdienst@kreis-re.example>',
    to: { name: 'Jürgen Müller-Lüdenscheidt', email: 'awd-01@example.org' },
    messageId: 'outbox-42.1@ratsweg.kreis-re.example',
    subject: 'Einladung: Sitzung Ausschuss für Wirtschaftspolitik und Digitales am 31.08.2021, 17:00 Uhr',
    text: 'Guten Tag Jürgen Müller-Lüdenscheidt,\n\nhiermit laden wir Sie zur Sitzung ein. Größe, Maß, Übersicht.\n',
    html:
      '<!doctype html>\n<html lang="de">\n<head><meta charset="utf-8"><title>Einladung</title></head>\n' +
      '<body><p>Guten Tag Jürgen Müller-Lüdenscheidt,</p><p>Größe &amp; Maß</p></body>\n</html>\n',
    ...overrides,
  };
}

describe('SmtpMailTransport (integration)', () => {
  const received: Received[] = [];
  let server: SMTPServer;
  let transport: SmtpMailTransport;

  beforeAll(async () => {
    server = await startServer(received);
    transport = new SmtpMailTransport(`smtp://127.0.0.1:${portOf(server)}`);
  });

  afterAll(async () => {
    await transport.close();
    await stopServer(server);
  });

  beforeEach(() => {
    received.length = 0;
  });

  it('delivers a German mail with text and HTML part, our Message-ID and headers', async () => {
    const result = await transport.send(mail());

    expect(result).toEqual({ messageId: '<outbox-42.1@ratsweg.kreis-re.example>', accepted: true });
    expect(received).toHaveLength(1);
    expect(received[0].from).toBe('sitzungsdienst@kreis-re.example');
    expect(received[0].to).toEqual(['awd-01@example.org']);

    const parsed: ParsedMail = await simpleParser(received[0].raw);
    expect(parsed.subject).toBe('Einladung: Sitzung Ausschuss für Wirtschaftspolitik und Digitales am 31.08.2021, 17:00 Uhr');
    expect(parsed.from?.value).toEqual([{ name: 'Sitzungsdienst Kreis Recklinghausen', address: 'sitzungsdienst@kreis-re.example' }]);
    const to = Array.isArray(parsed.to) ? parsed.to[0] : parsed.to;
    expect(to?.value).toEqual([{ name: 'Jürgen Müller-Lüdenscheidt', address: 'awd-01@example.org' }]);
    expect(parsed.text).toBe(mail().text);
    expect(parsed.html).toContain('<p>Größe &amp; Maß</p>');
    expect(parsed.html).toContain('<html lang="de">');
    expect(parsed.messageId).toBe('<outbox-42.1@ratsweg.kreis-re.example>');
    expect(parsed.headers.get('auto-submitted')).toBe('auto-generated');
    expect(parsed.headers.get('content-language')).toBe('de');
    expect(parsed.date).toBeInstanceOf(Date);
  });

  it('accepts a Message-ID already in angle brackets', async () => {
    const result = await transport.send(mail({ messageId: '<outbox-43@ratsweg.kreis-re.example>' }));
    expect(result.messageId).toBe('<outbox-43@ratsweg.kreis-re.example>');
    expect((await simpleParser(received[0].raw)).messageId).toBe('<outbox-43@ratsweg.kreis-re.example>');
  });

  it('rejects when the server refuses the recipient, marking a 5xx reply permanent', async () => {
    const failure = transport.send(mail({ to: { name: 'Niemand', email: REJECTED } }));

    await expect(failure).rejects.toBeInstanceOf(MailDeliveryError);
    await expect(failure).rejects.toMatchObject({ code: 'MAIL.DELIVERY_FAILED', responseCode: 550, permanent: true });
    expect(received).toHaveLength(0);
  });

  it('rejects when no server is listening', async () => {
    const gone = await startServer([]);
    const port = portOf(gone);
    await stopServer(gone);
    const orphan = new SmtpMailTransport(`smtp://127.0.0.1:${port}`);

    await expect(orphan.send(mail())).rejects.toMatchObject({ code: 'MAIL.DELIVERY_FAILED', permanent: false });
    await orphan.close();
  });

  it('opens one connection per mail, even when the URL asks for a pool', async () => {
    let connections = 0;
    const counting = await startServer([], {
      onConnect(_session, callback) {
        connections += 1;
        callback();
      },
    });
    const pooled = new SmtpMailTransport(`smtp://127.0.0.1:${portOf(counting)}?pool=true`);

    await pooled.send(mail({ messageId: 'outbox-44@r' }));
    await pooled.send(mail({ messageId: 'outbox-45@r' }));

    expect(connections).toBe(2);
    await pooled.close();
    await stopServer(counting);
  });

  it('gives up on a server that accepts the connection but never greets', async () => {
    const sockets: Socket[] = [];
    const silent: Server = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as AddressInfo).port;
    const impatient = new SmtpMailTransport(`smtp://127.0.0.1:${port}`, { connectionMs: 1_000, greetingMs: 300, socketMs: 1_000 });

    await expect(impatient.send(mail())).rejects.toMatchObject({ code: 'MAIL.DELIVERY_FAILED', permanent: false });

    await impatient.close();
    sockets.forEach((socket) => socket.destroy());
    await new Promise((resolve) => silent.close(resolve));
  });

  it('refuses a URL that is not smtp:// or smtps://, without echoing credentials', () => {
    expect(() => new SmtpMailTransport('http://user:geheim@example.org')).toThrow(/smtp:\/\/ or smtps:\/\//);
    expect(() => new SmtpMailTransport('http://user:geheim@example.org')).not.toThrow(/geheim/);
    expect(() => new SmtpMailTransport('kein url')).toThrow(RangeError);
  });

  it('refuses to send after close', async () => {
    const closed = new SmtpMailTransport(`smtp://127.0.0.1:${portOf(server)}`);
    await closed.close();
    await expect(closed.send(mail())).rejects.toMatchObject({ code: 'MAIL.TRANSPORT_CLOSED' });
  });
});
