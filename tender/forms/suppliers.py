"""Input rules for suppliers: registering and changing one, its case studies, the directory's
filters, and moderators' reasons for suspending one."""

from django import forms
from django.core.validators import URLValidator

from core.forms import GovukForm, text_field, web_link_field
from declaration.forms import matching_organisations
from events.models import Region, Topic
from organisations.models import Organisation
from tender import suppliers
from tender.models import CHARITY_NUMBER, COMPANY_NUMBER, OpenStandard, Supplier, SupplierSize

ALL_OF_THE_UK = "all"
# Fields whose error and Change links go to their first option.
CHOICE_WIDGETS = (forms.RadioSelect, forms.CheckboxSelectMultiple)
EMAIL_FORMAT = "Enter an email address in the correct format, like hello@example.co.uk"


class RegionsWidget(forms.CheckboxSelectMultiple):
    """The regions as checkboxes, with "All of the UK" last and exclusive: ticking it clears
    the others, as the Design System's "none of these" option does."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if value == ALL_OF_THE_UK:
            option["attrs"]["data-behaviour"] = "exclusive"
        return option


class SupplierForm(GovukForm):
    """A supplier, as its person registers or changes it."""

    name = text_field(
        "Name",
        "Enter the supplier’s name",
        max_length=200,
        noun="The name",
        help_text="The name it trades under, as buyers know it",
    )
    company_number = forms.CharField(
        label="Companies House number",
        required=False,
        max_length=20,
        help_text="8 characters, like 01234567 or SC123456",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "spellcheck": "false"}),
        error_messages={"max_length": "Enter a Companies House number in the correct format, like 01234567"},
    )
    charity_number = forms.CharField(
        label="Charity number",
        required=False,
        max_length=20,
        help_text="From the Charity Commission for England and Wales: 6 or 7 digits, like 1234567",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "inputmode": "numeric", "spellcheck": "false"}),
        error_messages={"max_length": "Enter a charity number in the correct format, like 1234567"},
    )
    website = forms.URLField(
        label="Website",
        max_length=300,
        assume_scheme="https",
        validators=[URLValidator(schemes=["http", "https"])],
        widget=forms.URLInput(attrs={"spellcheck": "false"}),
        error_messages={
            "required": "Enter the supplier’s website address",
            "invalid": "Enter the website address in the correct format, like https://www.example.co.uk",
            "max_length": "The website address must be 300 characters or fewer",
        },
    )
    size = forms.ChoiceField(
        label="How many people work for it?",
        choices=SupplierSize.choices,
        widget=forms.RadioSelect,
        help_text="Councils use this to see that suppliers of every size take part",
        error_messages={"required": "Select how many people work for the supplier", "invalid_choice": "Select a size"},
    )
    summary = text_field(
        "Summary",
        "Enter a summary of what the supplier offers",
        max_length=300,
        noun="The summary",
        help_text="What it offers, in a sentence or two. The directory shows this",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    offers = forms.ModelMultipleChoiceField(
        label="What does it offer?",
        queryset=Topic.objects.order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply. Councils find suppliers by these",
        error_messages={
            "required": "Select at least one thing the supplier offers",
            "invalid_choice": "Select what the supplier offers from the list",
            "invalid_pk_value": "Select what the supplier offers from the list",
        },
    )
    open_standards = forms.ModelMultipleChoiceField(
        label="Which open standards does it work with? (optional)",
        queryset=OpenStandard.objects.order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Select all that apply",
        error_messages={
            "invalid_choice": "Select open standards from the list",
            "invalid_pk_value": "Select open standards from the list",
        },
    )
    regions = forms.MultipleChoiceField(
        label="Where does it work?",
        choices=[*Region.choices, (ALL_OF_THE_UK, "All of the UK")],
        widget=RegionsWidget,
        help_text="Select all the regions and nations it works in",
        error_messages={
            "required": "Select the regions the supplier works in, or select ‘All of the UK’",
            "invalid_choice": "Select regions from the list",
        },
    )
    contact_email = forms.EmailField(
        label="Public contact email address",
        max_length=254,
        help_text=(
            "A shared address for enquiries, like hello@example.co.uk. It is shown on the supplier’s page, "
            "so do not use a person’s own address"
        ),
        widget=forms.EmailInput(attrs={"spellcheck": "false", "autocomplete": "off"}),
        error_messages={"required": "Enter a public contact email address", "invalid": EMAIL_FORMAT},
    )

    def __init__(self, *args, supplier: Supplier | None = None, **kwargs):
        if supplier is not None:
            kwargs.setdefault("initial", initial_for(supplier))
        super().__init__(*args, **kwargs)
        self.supplier = supplier
        for name in ("size", "offers", "open_standards", "regions"):
            self.fields[name].legend_size = "m"

    def clean_company_number(self) -> str:
        return self._registration_number("company_number", COMPANY_NUMBER, "01234567 or SC123456", "Companies House")

    def clean_charity_number(self) -> str:
        return self._registration_number("charity_number", CHARITY_NUMBER, "1234567", "charity")

    def _registration_number(self, name: str, pattern, example: str, kind: str) -> str:
        number = "".join(self.cleaned_data[name].split()).upper()
        if number and not pattern.fullmatch(number):
            raise forms.ValidationError(f"Enter a {kind} number in the correct format, like {example}")
        if suppliers.registration_number_taken(name, number, exclude_pk=self.supplier.pk if self.supplier else None):
            raise forms.ValidationError(suppliers.NUMBER_TAKEN[name])
        return number

    def clean_regions(self) -> list[str]:
        chosen = self.cleaned_data["regions"]
        return sorted(suppliers.ALL_REGIONS) if ALL_OF_THE_UK in chosen else chosen

    def clean(self):
        data = super().clean()
        numbers = ("company_number", "charity_number")
        if not any(data.get(name) for name in numbers) and not any(name in self.errors for name in numbers):
            self.add_error("company_number", "Enter a Companies House number or a charity number")
        return data

    def details(self) -> suppliers.SupplierDetails:
        data = self.cleaned_data
        return suppliers.SupplierDetails(
            name=data["name"],
            company_number=data["company_number"],
            charity_number=data["charity_number"],
            website=data["website"],
            size=data["size"],
            summary=data["summary"],
            contact_email=data["contact_email"],
            offers=list(data["offers"]),
            open_standards=list(data["open_standards"]),
            regions=data["regions"],
        )

    def answers(self) -> list[dict]:
        """What the check-your-answers page lists: each answer, as text or as `entries`, and
        the field its Change link goes to."""
        data = self.cleaned_data
        rows = [
            ("name", "Name", data["name"]),
            ("company_number", "Companies House number", data["company_number"] or "None"),
            ("charity_number", "Charity number", data["charity_number"] or "None"),
            ("website", "Website", data["website"]),
            ("size", "Size", SupplierSize(data["size"]).label),
            ("summary", "Summary", data["summary"]),
            ("offers", "What it offers", [topic.name for topic in data["offers"]]),
            ("open_standards", "Open standards", [standard.name for standard in data["open_standards"]] or "None"),
            ("regions", "Where it works", _region_labels(data["regions"])),
            ("contact_email", "Public contact email address", data["contact_email"]),
        ]
        return [
            {
                "question": question,
                "anchor": self[name].auto_id + ("_0" if isinstance(self.fields[name].widget, CHOICE_WIDGETS) else ""),
                "entries" if isinstance(answer, list) else "text": answer,
            }
            for name, question, answer in rows
        ]


def _region_labels(regions: list[str]) -> list[str]:
    if set(regions) >= suppliers.ALL_REGIONS:
        return ["All of the UK"]
    return [Region(region).label for region in Region.values if region in regions]


def initial_for(supplier: Supplier) -> dict:
    regions = [served.region for served in supplier.regions.all()]
    return {
        "name": supplier.name,
        "company_number": supplier.company_number,
        "charity_number": supplier.charity_number,
        "website": supplier.website,
        "size": supplier.size,
        "summary": supplier.summary,
        "contact_email": supplier.contact_email,
        "offers": [topic.pk for topic in supplier.offers.all()],
        "open_standards": [standard.pk for standard in supplier.open_standards.all()],
        "regions": [ALL_OF_THE_UK] if set(regions) >= suppliers.ALL_REGIONS else regions,
    }


class CaseStudyForm(GovukForm):
    """A case study, as a supplier's person adds or changes it. The council it names is
    chosen once, when it is added: another council means another case study."""

    organisation = forms.CharField(
        label="Which council was the work for?",
        max_length=200,
        help_text="Start typing its name, for example Testshire County Council. It can be any council or public body",
        widget=forms.TextInput(attrs={"list": "organisation-names", "autocomplete": "off", "spellcheck": "false"}),
        error_messages={
            "required": "Enter the name of the council the work was for",
            "max_length": "Enter the name of a council from the list",
        },
    )
    title = text_field(
        "Title",
        "Enter a title for the case study",
        max_length=150,
        noun="The title",
        help_text="For example, ‘A repairs service tenants can track’",
    )
    summary = text_field(
        "What was done and what came of it",
        "Enter what was done and what came of it",
        max_length=3000,
        noun="The description",
        help_text="Do not name anyone: the council confirms the work, not the people",
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    link = web_link_field(
        "Link to more about it (optional)",
        noun="the link",
        example="https://www.example.co.uk/case-studies/repairs",
    )

    def __init__(self, *args, case_study=None, **kwargs):
        if case_study is not None:
            kwargs.setdefault(
                "initial", {"title": case_study.title, "summary": case_study.summary, "link": case_study.link}
            )
        super().__init__(*args, **kwargs)
        self.fields["organisation"].label_size = "m"
        if case_study is not None:
            del self.fields["organisation"]
        self.organisation: Organisation | None = None

    def clean_organisation(self) -> str:
        name = self.cleaned_data["organisation"]
        found = matching_organisations(name)
        councils = [organisation for organisation in found if suppliers.is_public_sector(organisation)]
        if found and not councils:
            raise forms.ValidationError(
                f"{found[0]} is not a council or public body. Enter the name of the council the work was for"
            )
        if not councils:
            raise forms.ValidationError("Enter the name of a council from the list")
        if len(councils) > 1:
            raise forms.ValidationError(f"More than one council is called {name}. Enter its full name from the list")
        self.organisation = councils[0]
        return name

    def details(self) -> suppliers.CaseStudyDetails:
        data = self.cleaned_data
        return suppliers.CaseStudyDetails(title=data["title"], summary=data["summary"], link=data["link"])


class DirectoryFilterForm(GovukForm):
    """The search and filters on the directory, sent with GET so that a filtered list has an
    address people can share."""

    q = forms.CharField(
        label="Search by name",
        required=False,
        max_length=100,
        error_messages={"max_length": "Search for a name of 100 characters or fewer"},
    )
    offer = forms.ChoiceField(
        label="What they offer",
        required=False,
        error_messages={"invalid_choice": "Select what suppliers offer from the list"},
    )
    size = forms.ChoiceField(
        label="Size",
        choices=[("", "Any size"), *SupplierSize.choices],
        required=False,
        error_messages={"invalid_choice": "Select a size from the list"},
    )
    region = forms.ChoiceField(
        label="Works in",
        choices=[("", "Anywhere in the UK"), *Region.choices],
        required=False,
        error_messages={"invalid_choice": "Select a region from the list"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["offer"].choices = [("", "Anything"), *suppliers.topics().values_list("slug", "name")]
        for name in self.fields:
            self.fields[name].label_size = "s"

    def filters(self) -> suppliers.DirectoryFilters:
        """The filters with a valid value: a field in error is left out, so the page still
        lists suppliers while it shows the error."""
        if not self.is_bound:
            return suppliers.DirectoryFilters()
        self.is_valid()
        data = self.cleaned_data
        return suppliers.DirectoryFilters(
            q=" ".join((data.get("q") or "").split()),
            offer=data.get("offer") or "",
            size=data.get("size") or "",
            region=data.get("region") or "",
        )


class SuspendForm(GovukForm):
    reason = text_field(
        "Why are you suspending the supplier?",
        "Enter why you are suspending the supplier",
        max_length=2000,
        noun="The reason",
        help_text="The supplier’s people see this. Its page and directory entry are hidden until it is listed again",
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].label_size = "m"
