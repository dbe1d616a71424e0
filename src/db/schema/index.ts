export * from './access.ts';
export * from './platform.ts';
export * from './registry.ts';
