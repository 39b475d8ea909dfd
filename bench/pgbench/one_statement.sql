-- The booking as the one statement the service sends on PostgreSQL (see
-- src/adapters/sqlalchemy/ticket_sales.py), in its own transaction. Variables as in
-- three_statements.sql.
\set n random(1, :spread)
WITH claimed AS (
    UPDATE events SET seats_taken = seats_taken + 1
     WHERE id = CASE WHEN :spread > 1 THEN md5('spread-' || :n)::uuid ELSE :event END
       AND status = 'active' AND start_time > now() AND seats_taken + 1 <= capacity
    RETURNING id, price, currency
), booked AS (
    INSERT INTO bookings (id, user_id, event_id, quantity, unit_price, total_amount,
                          currency, status, booked_at)
    SELECT gen_random_uuid(), :user, id, 1, price, price, currency, 'confirmed', now()
      FROM claimed
    RETURNING id
), ticketed AS (
    INSERT INTO tickets (booking_id, code, status)
    SELECT id, 'PG-' || substr(md5(random()::text), 1, 21), 'active' FROM booked
)
SELECT price, currency FROM claimed;
