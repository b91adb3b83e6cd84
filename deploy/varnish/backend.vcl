# The web processes behind the edge (docker-compose.yml, service "web"). The tests put a
# backend.vcl of their own earlier in vcl_path (tests/edge/conftest.py).
backend default {
    .host = "web";
    .port = "8000";
    .connect_timeout = 5s;
    .first_byte_timeout = 60s;
    .probe = {
        .url = "/healthz/live";
        .interval = 10s;
        .timeout = 2s;
        .window = 5;
        .threshold = 3;
    }
}
