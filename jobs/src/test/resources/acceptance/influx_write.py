"""A python3-influxdb (Debian's python3-influxdb) client for the acceptance tests.

Usage: influx_write.py HOST PORT plain|gzip
Reads one JSON list of points per stdin line, writes it with InfluxDBClient.write_points
(line protocol over HTTP /write, millisecond precision, gzip-compressed body with "gzip") and
answers "ok" or "error <message>" on stdout, one line per request.
"""
import json
import sys

from influxdb import InfluxDBClient


def main():
    host, port, mode = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    client = InfluxDBClient(host=host, port=port, database="condenser", gzip=(mode == "gzip"),
                            timeout=30, retries=1)
    for line in sys.stdin:
        points = json.loads(line)
        try:
            client.write_points(points, time_precision="ms")
            print("ok", flush=True)
        except Exception as e:  # the test shows the message
            print("error " + " ".join(str(e).split()), flush=True)


if __name__ == "__main__":
    main()
