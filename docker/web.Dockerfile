# The "web" service: nginx serving the built web app and proxying /api to the server instances.
FROM node:20-bookworm-slim AS build
RUN npm i -g pnpm@12.4.2
WORKDIR /app
COPY package.json pnpm-workspace.yaml pnpm-lock.yaml tsconfig.base.json ./
COPY shared shared
COPY web web
COPY server/package.json server/
COPY e2e/package.json e2e/
RUN pnpm install --frozen-lockfile --filter ./web... --ignore-scripts && pnpm --filter ./web build

FROM nginx:1.27-alpine
COPY docker/nginx.conf /etc/nginx/conf.d/default.conf
COPY --from=build /app/web/dist /usr/share/nginx/html
