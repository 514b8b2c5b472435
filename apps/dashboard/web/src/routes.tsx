import { createBrowserRouter } from 'react-router';
import { Layout } from './components/Layout';
import { ApiKeysPage } from './pages/ApiKeysPage';
import { BillingPage } from './pages/BillingPage';
import { BillingReturnPage } from './pages/BillingReturnPage';
import { EnvironmentsPage } from './pages/EnvironmentsPage';
import { FaxDetailPage } from './pages/FaxDetailPage';
import { FaxesPage } from './pages/FaxesPage';
import { LocalCheckoutPage } from './pages/LocalCheckoutPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { OverviewPage } from './pages/OverviewPage';
import { RegisterPage } from './pages/RegisterPage';
import { SandboxPage } from './pages/SandboxPage';
import { SendFaxPage } from './pages/SendFaxPage';
import { SignInPage } from './pages/SignInPage';
import { WebhookDetailPage } from './pages/WebhookDetailPage';
import { WebhooksPage } from './pages/WebhooksPage';

export const router = createBrowserRouter([
  { path: '/sign-in', element: <SignInPage /> },
  { path: '/register', element: <RegisterPage /> },
  {
    element: <Layout />,
    children: [
      { index: true, element: <OverviewPage /> },
      { path: 'faxes', element: <FaxesPage /> },
      { path: 'faxes/new', element: <SendFaxPage /> },
      { path: 'faxes/:environmentId/:faxId', element: <FaxDetailPage /> },
      { path: 'environments', element: <EnvironmentsPage /> },
      { path: 'keys', element: <ApiKeysPage /> },
      { path: 'webhooks', element: <WebhooksPage /> },
      { path: 'webhooks/:environmentId/:webhookId', element: <WebhookDetailPage /> },
      { path: 'billing', element: <BillingPage /> },
      { path: 'billing/local-checkout', element: <LocalCheckoutPage /> },
      { path: 'billing/return', element: <BillingReturnPage /> },
      { path: 'sandbox', element: <SandboxPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
