from django.urls import path

from tender.views import suppliers

urlpatterns = [
    path("tender/suppliers", suppliers.supplier_list, name="suppliers"),
    # Before the supplier pages: "register" is never a supplier's address (see
    # tender.suppliers.RESERVED_SLUGS).
    path("tender/suppliers/register", suppliers.register, name="register_supplier"),
    path("tender/suppliers/register/check", suppliers.register_check, name="register_supplier_check"),
    path("tender/suppliers/<slug:slug>", suppliers.supplier_detail, name="supplier"),
    path("tender/suppliers/<slug:slug>/registered", suppliers.registered, name="supplier_registered"),
    path("tender/suppliers/<slug:slug>/edit", suppliers.edit_supplier, name="edit_supplier"),
    path("tender/suppliers/<slug:slug>/case-studies", suppliers.supplier_case_studies, name="supplier_case_studies"),
    path("tender/suppliers/<slug:slug>/case-studies/add", suppliers.add_case_study, name="add_case_study"),
    path(
        "tender/suppliers/<slug:slug>/case-studies/<int:pk>/edit",
        suppliers.edit_case_study,
        name="edit_case_study",
    ),
    path("tender/your-suppliers", suppliers.your_suppliers, name="your_suppliers"),
    path("tender/case-studies", suppliers.council_case_studies, name="council_case_studies"),
    path("tender/case-studies/<int:pk>", suppliers.council_case_study, name="council_case_study"),
    path("tender/case-studies/<int:pk>/confirm", suppliers.confirm_case_study, name="confirm_case_study"),
    path("tender/case-studies/<int:pk>/decline", suppliers.decline_case_study, name="decline_case_study"),
    path("manage/tender/suppliers", suppliers.manage_suppliers, name="manage_suppliers"),
    path("manage/tender/suppliers/<slug:slug>", suppliers.manage_supplier, name="manage_supplier"),
    path("manage/tender/suppliers/<slug:slug>/suspend", suppliers.suspend_supplier, name="manage_suspend_supplier"),
    path(
        "manage/tender/suppliers/<slug:slug>/reinstate",
        suppliers.reinstate_supplier,
        name="manage_reinstate_supplier",
    ),
]
