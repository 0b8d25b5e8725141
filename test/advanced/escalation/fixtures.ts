import {
  checkEscalations,
  defineEscalationPlan,
  type EscalationEvent,
  type EscalationPlan,
  type EscalationState,
  observeSla,
  startEscalation,
} from '../../../src/advanced/index.js';
import {
  applyEvent,
  checkBreaches,
  defineCalendar,
  defineSlaPolicy,
  type SlaTransition,
  startSla,
  type TicketEvent,
  type TicketSlaState,
} from '../../../src/index.js';

// The desk of the unit stories: open Mon–Fri 09:00–17:00 Europe/London. British Summer Time
// ends on Sun 2026-10-25, so on Thu 22 and Fri 23 October local = UTC+1 (09:00 local is
// 08:00Z) and from Mon 26 October local = UTC (09:00 local is 09:00Z). A business day is 8 h.

export const MIN = 60_000;
export const T = (iso: string): number => Date.parse(iso);

export const london = defineCalendar({
  id: 'london',
  zone: 'Europe/London',
  week: {
    mon: ['09:00-17:00'],
    tue: ['09:00-17:00'],
    wed: ['09:00-17:00'],
    thu: ['09:00-17:00'],
    fri: ['09:00-17:00'],
  },
});

export const policy = defineSlaPolicy({
  id: 'standard',
  calendarId: 'london',
  pauseWhile: ['waiting_on_customer'],
  stopWhen: ['resolved'],
  targets: {
    urgent: { firstResponse: 30, resolution: 240 },
    high: { firstResponse: 60, resolution: 960 },
    normal: { firstResponse: 60, resolution: 960 },
  },
});

export const levels = [
  { id: 'fr-warn', metric: 'firstResponse', beforeDue: 10, notify: ['assignee'] },
  { id: 'res-50', metric: 'resolution', percent: 50, notify: ['assignee'] },
  { id: 'res-75', metric: 'resolution', percent: 75, notify: ['assignee', 'team-lead'] },
  { id: 'res-due', metric: 'resolution', percent: 100, notify: ['team-lead'] },
  {
    id: 'res-late-2h',
    metric: 'resolution',
    afterDue: 120,
    notify: ['duty-manager'],
    priorities: ['urgent', 'high'],
  },
] as const;

export const planOf = (catchUp: 'highest' | 'all'): EscalationPlan =>
  defineEscalationPlan({ id: 'standard-escalations', policyId: 'standard', catchUp, levels });

/** A ticket as a host runs it: every SLA transition is observed by the escalation tracker. */
export class Ticket {
  sla: TicketSlaState;
  esc: EscalationState;
  readonly escalations: EscalationEvent[] = [];
  readonly transitions: SlaTransition[] = [];
  private n = 0;

  constructor(
    readonly plan: EscalationPlan,
    priority: string,
    createdAt: string,
  ) {
    const started = startSla({
      ticketId: 'T-7',
      priority,
      createdAt: T(createdAt),
      policy,
      calendar: london,
    });
    this.sla = started.state;
    this.esc = startEscalation(this.sla, { plan });
    this.observe(started);
  }

  private observe(transition: SlaTransition): void {
    this.transitions.push(transition);
    this.sla = transition.state;
    const { state, events } = observeSla(this.esc, transition, {
      plan: this.plan,
      calendar: london,
    });
    this.esc = state;
    this.escalations.push(...events);
  }

  private apply(event: Record<string, unknown>): this {
    this.n += 1;
    this.observe(
      applyEvent(this.sla, { id: `e${this.n}`, ...event } as TicketEvent, { calendar: london }),
    );
    return this;
  }

  status(at: string, status: string): this {
    return this.apply({ type: 'status_changed', status, at: T(at) });
  }
  reply(at: string): this {
    return this.apply({ type: 'agent_replied', at: T(at) });
  }
  priority(at: string, priority: string): this {
    return this.apply({ type: 'priority_changed', priority, at: T(at) });
  }
  /** The host's timer: breaches first, then escalations. */
  check(at: string): this {
    this.observe(checkBreaches(this.sla, T(at), { calendar: london }));
    const { state, events } = checkEscalations(this.esc, T(at), {
      plan: this.plan,
      calendar: london,
    });
    this.esc = state;
    this.escalations.push(...events);
    return this;
  }

  /** The reported levels as [levelId, at (ISO), catchUp]. */
  reported(): [string, string, boolean][] {
    return this.escalations.map((e) => [e.levelId, new Date(e.at).toISOString(), e.catchUp]);
  }
}
