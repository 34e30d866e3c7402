/**
 * The ways a message leaves: e-mail through the platform's mailer, and text messages through an `SmsGateway` an
 * agency plugs in (the built-in one only writes the message to the server log, with the number masked).
 */
import { t } from '../shared/i18n/zh-CN.ts';
import type { Mailer } from '../shared/mailer.ts';
import type { NotificationChannel } from './notifications.tables.ts';

export type OutgoingMessage = { recipient: string; subject: string; body: string };

/** One channel: sends or throws (the dispatcher retries). */
export interface NotificationSender {
  send(message: OutgoingMessage): Promise<void>;
}

/** The channels a dispatcher can use; a message of a channel it lacks stays queued for one that has it. */
export type Channels = Partial<Record<NotificationChannel, NotificationSender>>;

/** An SMS gateway: the agency's provider behind one call. */
export interface SmsGateway {
  sendSms(phone: string, text: string): Promise<void>;
}

export function emailChannel(mailer: Mailer): NotificationSender {
  return { send: (m) => mailer.send({ to: m.recipient, subject: m.subject, text: m.body }) };
}

export function smsChannel(gateway: SmsGateway): NotificationSender {
  return { send: (m) => gateway.sendSms(m.recipient, m.body) };
}

/** A phone number as logs may show it: the last four digits only. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return digits.length >= 4 ? `尾号${digits.slice(-4)}` : '（号码已隐去）';
}

/** The gateway of a platform without one: the message goes to the server log, never the number in clear. */
export function loggingSmsGateway(log: (line: string) => void): SmsGateway {
  return {
    async sendSms(phone, text) {
      log(t.notifications.smsLog(maskPhone(phone), text));
    },
  };
}
