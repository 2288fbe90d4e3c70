# The hub image: one image, three roles (npm run api | worker | migrate).
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force
COPY . .
USER node
EXPOSE 3000
CMD ["npm", "run", "api"]
