# Vigil's services, one image: the command picks the part (vigil broker | ingest | rules | api | simulate).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY types types
COPY bin bin
COPY core core
COPY broker broker
COPY ingest ingest
COPY rules rules
COPY api api
COPY simulators simulators
RUN npm run build:server
COPY web web
RUN npm run build:web

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist dist
COPY --from=build /app/web/dist web/dist
# Files read at run time, found from the package root: rule files and the simulated fleet.
COPY rules/config rules/config
COPY simulators/fleet.yaml simulators/team.yaml simulators/
USER node
ENTRYPOINT ["node", "dist/bin/vigil.js"]
CMD ["help"]
