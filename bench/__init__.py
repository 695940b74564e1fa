"""Load and fault tests run by hand against the service as it runs in production: gunicorn
behind the shipped nginx configuration, on a throw-away PostgreSQL cluster. `bench/run` and
`bench/faults` start everything they need; see README's "Measuring performance" section."""
