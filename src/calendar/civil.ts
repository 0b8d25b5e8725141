// Civil-date arithmetic is zone-free, so it lives with the shared machinery.
export * from '../shared/civil.js';
