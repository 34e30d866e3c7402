import type { Agency, Role } from '../../src/db/schema.ts';
import type { Actor } from '../../src/shared/actor.ts';

/** A signed-in user actor with one role in an agency (services take actors, not sessions). */
export function userActor(id: number, agencyId: number, role: Role, name = `用户${id}`): Actor {
  return { kind: 'user', id, name, isSuperadmin: false, roles: new Map([[agencyId, new Set([role])]]) };
}

/** The form of a natural person's application, registered by staff; override any field. */
export function staffApplicationForm(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    applicantType: 'natural_person',
    name: '张三',
    idType: 'resident_id',
    idNumber: '11010519491231002X',
    phone: '13800000000',
    email: 'zhangsan@example.com',
    address: '山东省聊城市东昌府区某路 1 号',
    subject: '无线电初级操作证报考条件',
    formWanted: 'electronic',
    wayWanted: 'email',
    channel: 'in_person',
    receivedOn: '2024-09-27',
    ...overrides,
  };
}

/** The portal form of a natural person's application; override any field. */
export function onlineApplicationForm(overrides: Record<string, string> = {}): Record<string, string> {
  const { channel: _c, receivedOn: _r, ...rest } = staffApplicationForm(overrides);
  return rest;
}

export type { Agency };
