# One image for every app; docker-compose picks the app with APP.
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:22-bookworm-slim AS runtime
ENV NODE_ENV=production
# A 32 MB young generation: request garbage dies young instead of feeding the old-generation collector.
ENV NODE_OPTIONS=--max-semi-space-size=32
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/prisma ./prisma
USER node
# APP is one of: api-gateway, billing, dashboard, fax-worker, retention-worker, webhook-dispatcher
ENV APP=api-gateway
CMD ["sh", "-c", "exec node dist/apps/$APP/src/main.js"]
