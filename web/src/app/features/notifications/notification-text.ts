/** "“Jazz at Dusk” was updated": a notification in plain words. */
export function describeNotification(notification: {
  readonly notification_type: string;
  readonly event: { readonly title: string; readonly action: string };
}): string {
  const action = notification.event.action || notification.notification_type.replace(/^event\./, '');
  const said: Record<string, string> = {
    created: 'New event',
    updated: 'Changed',
    deleted: 'Cancelled',
    cancelled: 'Cancelled',
  };
  return `${said[action] ?? 'News'}: “${notification.event.title}”`;
}
