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

# Debian's nginx, for its brotli_static module (the official nginx image has none).
FROM debian:bookworm-slim
RUN apt-get update \
  && apt-get install -y --no-install-recommends nginx-light libnginx-mod-http-brotli-static \
  && rm -rf /var/lib/apt/lists/* /etc/nginx/sites-enabled/default \
  && ln -sf /dev/stdout /var/log/nginx/access.log && ln -sf /dev/stderr /var/log/nginx/error.log
COPY docker/nginx-main.conf /etc/nginx/nginx.conf
COPY docker/nginx.conf /etc/nginx/conf.d/default.conf
COPY --from=build /app/web/dist /usr/share/nginx/html
EXPOSE 80
STOPSIGNAL SIGQUIT
CMD ["nginx", "-g", "daemon off;"]
