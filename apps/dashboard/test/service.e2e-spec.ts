import { describeServiceEndpoints } from '@mintfax/testing';
import { startDashboard } from './support/dashboard-client';

describeServiceEndpoints('dashboard', async (env) => (await startDashboard(env)).app);
