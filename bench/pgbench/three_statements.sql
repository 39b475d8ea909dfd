-- The booking transaction as three statements: claim a seat, insert the booking, insert its
-- ticket. -D event=<uuid> books one hot event; -D spread=N spreads over N seeded events
-- (ids md5('spread-' || n)). -D user=<uuid> is the buyer. Run with -M prepared.
\set n random(1, :spread)
BEGIN;
UPDATE events SET seats_taken = seats_taken + 1
 WHERE id = CASE WHEN :spread > 1 THEN md5('spread-' || :n)::uuid ELSE :event END
   AND status = 'active' AND start_time > now() AND seats_taken + 1 <= capacity;
INSERT INTO bookings (id, user_id, event_id, quantity, unit_price, total_amount, currency,
                      status, booked_at)
VALUES (gen_random_uuid(), :user,
        CASE WHEN :spread > 1 THEN md5('spread-' || :n)::uuid ELSE :event END,
        1, 250.00, 250.00, 'INR', 'confirmed', now())
RETURNING id AS booking_id \gset
INSERT INTO tickets (booking_id, code, status)
VALUES (:booking_id, 'PG-' || substr(md5(random()::text), 1, 21), 'active');
END;
