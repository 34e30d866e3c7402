/** Outgoing e-mail over SMTP (nodemailer), configured by SMTP_URL and SMTP_FROM; absent when SMTP_URL is not set. */
import nodemailer from 'nodemailer';
import type { Config } from '../config.ts';

export type MailMessage = { to: string; subject: string; text: string };

/** Sends mail; services receive it as a dependency so tests can pass their own. */
export type Mailer = { send(message: MailMessage): Promise<void>; close(): void };

/** A mailer for the configured SMTP server, or null when none is configured. */
export function createMailer(config: Pick<Config, 'smtpUrl' | 'smtpFrom'>): Mailer | null {
  if (!config.smtpUrl) return null;
  const transport = nodemailer.createTransport(config.smtpUrl);
  return {
    async send(message) {
      await transport.sendMail({ from: config.smtpFrom, to: message.to, subject: message.subject, text: message.text });
    },
    close: () => transport.close(),
  };
}
