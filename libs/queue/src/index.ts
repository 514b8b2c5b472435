export * from './queues';
export { gracefulCloser } from './closing';
