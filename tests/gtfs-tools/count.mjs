// Counts the rows that `gtfs-import` put into its SQLite database, as JSON on stdout.
// Usage: node count.mjs DB.sqlite
import Database from 'better-sqlite3';

const db = new Database(process.argv[2], { readonly: true, fileMustExist: true });
const count = (table) => db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get().n;
const result = {
  agencies: count('agency'),
  stops: count('stops'),
  routes: count('routes'),
  trips: count('trips'),
  stopTimes: count('stop_times'),
  calendars: count('calendar'),
  calendarDates: count('calendar_dates'),
  blocks: db.prepare('SELECT COUNT(DISTINCT block_id) AS n FROM trips WHERE block_id IS NOT NULL').get().n,
};
db.close();
process.stdout.write(JSON.stringify(result));
