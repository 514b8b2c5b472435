import { Link } from 'react-router';
import { PageTitle } from '../components/Layout';

export function NotFoundPage() {
  return (
    <>
      <PageTitle>Page not found</PageTitle>
      <p>
        There is no page at this address. <Link to="/">Go to the overview</Link>.
      </p>
    </>
  );
}
