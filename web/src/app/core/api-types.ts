// The API's wire types, kept by hand beside the OpenAPI document (/schema/openapi.json).

export type EventStatus = 'active' | 'cancelled' | 'completed';
export type EventSource = 'local' | 'ticketmaster';

export interface Listing {
  readonly external_id: string;
  readonly url: string;
  readonly sale_status: string;
}

export interface EventItem {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly location: string;
  readonly city: string;
  readonly start_time: string;
  readonly end_time: string;
  readonly timezone: string;
  readonly capacity: number | null;
  readonly seats_available: number | null;
  readonly price: string;
  readonly currency: string;
  readonly status: EventStatus;
  readonly tags: readonly string[];
  readonly created_by: string | null;
  readonly created_at: string;
  readonly source: EventSource;
  readonly bookable: boolean;
  readonly listing: Listing | null;
  readonly saved?: boolean;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly page: number;
  readonly size: number;
  readonly total: number;
  /** False when the API stopped counting past a bound: `total` is then one more than it. */
  readonly total_is_exact?: boolean;
}

export interface EventQuery {
  readonly q?: string;
  readonly city?: string;
  readonly from?: string;
  readonly to?: string;
  readonly source?: EventSource | '';
  readonly page?: number;
  readonly size?: number;
}

export interface TokenAnswer {
  readonly access_token: string;
  readonly token_type: 'bearer';
  readonly expires_in: number;
}

export interface Ticket {
  readonly code: string;
  readonly status: 'active' | 'used' | 'cancelled';
}

export interface Booking {
  readonly id: string;
  readonly event_id: string;
  readonly user_id: string;
  readonly quantity: number;
  readonly unit_price: string;
  readonly total_amount: string;
  readonly currency: string;
  readonly status: 'confirmed' | 'cancelled';
  readonly booked_at: string;
  readonly cancelled_at: string | null;
  readonly tickets: readonly Ticket[];
}

/** RFC 9457 problem details, as every error of the API leaves. */
export interface ProblemBody {
  readonly type?: string;
  readonly title?: string;
  readonly status?: number;
  readonly detail?: string;
  readonly errors?: readonly { field: string; message: string }[];
  readonly seats_available?: number;
}

// Event page extras, bookings and my pages
/** One event as `GET /events/{id}` answers a signed-in caller: whether they saved and follow it. */
export interface EventView extends EventItem {
  readonly registration_requires_sign_in?: boolean;
  readonly subscribed?: boolean;
}

// The organiser's admin pages
export type Role = 'admin' | 'customer';

export interface Me {
  readonly id: string;
  readonly username: string;
  readonly email: string;
  readonly role: Role;
}

export interface EventStats {
  readonly event_id: string;
  readonly bookings: number;
  readonly cancelled_bookings: number;
  readonly tickets_sold: number;
  readonly registrations: number;
  readonly revenue: string;
  readonly currency: string;
  readonly seats_taken: number;
  readonly capacity: number | null;
  readonly bookable: boolean;
}

/** What `POST /events` takes; `PATCH` takes any part of it, plus `status`. */
export interface EventBody {
  readonly title: string;
  readonly description: string;
  readonly location: string;
  readonly city: string;
  readonly start_time: string;
  readonly end_time: string;
  readonly timezone: string;
  readonly capacity: number;
  readonly price: string;
  readonly currency: string;
  readonly tags: readonly string[];
  readonly registration_requires_sign_in: boolean;
}

export type EventPatch = Partial<EventBody> & { readonly status?: EventStatus };

export interface Registration {
  readonly id: string;
  readonly event_id: string;
  readonly name: string;
  readonly email: string;
  readonly registered_at: string;
  readonly user_id: string | null;
}

export interface Subscription {
  readonly subscribed_at: string;
  readonly event: EventItem;
}

// Sign-up, identity providers and notifications
export interface SignUp {
  readonly email: string;
  readonly username: string;
  readonly password: string;
  readonly full_name?: string;
  readonly phone?: string;
}

export interface Account {
  readonly id: string;
  readonly username: string;
  readonly email: string;
  readonly role: 'customer' | 'admin';
  readonly is_verified: boolean;
  readonly full_name: string | null;
  readonly phone: string | null;
  readonly created_at: string;
}

export interface SignInProvider {
  readonly id: string;
  readonly name: string;
  readonly login_url: string;
}

export interface NotificationEvent {
  readonly id: string;
  readonly title: string;
  readonly action: string;
  readonly timestamp: string;
}

/** One notification of the history; the socket pushes the same payload without `read`. */
export interface NotificationItem {
  readonly id: number;
  readonly notification_type: string;
  readonly event: NotificationEvent;
  readonly user: string;
  readonly read: boolean;
  readonly user_id?: string | null;
}

/** Which of our own events the admin list shows. */
export type AdminShow = 'upcoming' | 'past' | 'cancelled' | 'completed';

/** Every event says whether it takes registrations from signed-in users only. */
export interface EventItem {
  readonly registration_requires_sign_in?: boolean;
}
