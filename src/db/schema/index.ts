export * from './access.ts';
export * from './auth.ts';
export * from './dictionary.ts';
export * from './messaging.ts';
export * from './platform.ts';
export * from './rating.ts';
export * from './registry.ts';
export * from './workflow.ts';
