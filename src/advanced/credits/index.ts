export { computeServiceCredits, type ServiceCreditOptions } from './compute-service-credits.js';
export {
  defineServiceContract,
  parseServiceContract,
  reviseServiceContract,
  type ServiceContractChanges,
} from './contract.js';
export { formatCreditStatement } from './format-credit-statement.js';
export { perBreachCredit } from './per-breach-credit.js';
export {
  CONTRACT_SCHEMA,
  type ContractPeriodUnit,
  CREDIT_STATEMENT_SCHEMA,
  type CreditCombine,
  type CreditLine,
  type CreditStatement,
  type CreditTier,
  type PerBreachRule,
  type PerLateHourRule,
  type ServiceContract,
  type ServiceContractDefinition,
  type TicketLine,
  type TierLine,
} from './types.js';
