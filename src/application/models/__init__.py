"""What the application hands over and reads back: plain values, no behaviour beyond their own."""
