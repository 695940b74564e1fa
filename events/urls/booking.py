from django.urls import path

from events.views import booking

urlpatterns = [
    path("events/<int:pk>/book", booking.book, name="book"),
    path("events/<int:pk>/book/confirmation", booking.booked, name="booked"),
    path("events/bookings/<str:token>", booking.booking, name="booking"),
    path("events/bookings/<str:token>/accept", booking.accept, name="booking_accept"),
    path("events/bookings/<str:token>/decline", booking.decline, name="booking_decline"),
    path("events/bookings/<str:token>/cancel", booking.cancel, name="booking_cancel"),
    path("events/booking-ended", booking.booking_ended, name="booking_ended"),
    path("manage/events/<int:pk>/bookings", booking.manage_bookings, name="manage_bookings"),
    path("manage/events/<int:pk>/bookings.csv", booking.bookings_csv, name="bookings_csv"),
    path("manage/events/<int:pk>/bookings/attendance", booking.mark_attendance, name="mark_attendance"),
    path("manage/events/<int:pk>/bookings/<int:booking_pk>/cancel", booking.staff_cancel, name="staff_cancel_booking"),
]
