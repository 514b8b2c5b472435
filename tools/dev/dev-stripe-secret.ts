// A development-only Stripe signing secret, so `npm run stripe:simulate-purchase` can activate
// live sending without Stripe; any real deployment sets its own. Its own file so the simulator
// can import it without starting the dev runner.
export const DEV_STRIPE_WEBHOOK_SECRET = 'whsec_mintfax_local_development_only';
