# One image for every service of the distributed stack; docker-compose.yml picks the command.
FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY gamja ./gamja
COPY subgraphs ./subgraphs
COPY router ./router
RUN pip install --no-cache-dir '.[kafka,elasticsearch,consul]'
ENV GAMJA_HOST=0.0.0.0 GAMJA_VAR_DIR=/var/lib/gamja
RUN useradd --create-home gamja && mkdir -p /var/lib/gamja && chown gamja /var/lib/gamja
USER gamja
ENTRYPOINT ["gamja"]
