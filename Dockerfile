FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY policygraph ./policygraph
COPY graph ./graph
COPY loaders ./loaders
COPY api ./api
COPY queries ./queries
COPY reports ./reports
COPY viz ./viz
RUN pip install --no-cache-dir .
EXPOSE 8000
CMD ["policygraph", "serve", "--host", "0.0.0.0", "--port", "8000"]
