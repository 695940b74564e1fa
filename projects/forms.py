"""Input rules for funded projects: the team's updates, outputs and public details, and
staff's moves between phases."""

from django import forms
from django.conf import settings

from accounts.models import User
from core.dates import DateField
from core.forms import GovukForm, text_field, web_link_field
from events.forms import topics_field
from fund.models import FundedProject
from projects import uploads
from projects.models import Licence, OutputType, PhaseName, Project, UpdateKind
from projects.services import OutputDetails, ProjectDetails
from projects.uploads import CheckedUpload

# The team ---------------------------------------------------------------------------------


class UpdateForm(GovukForm):
    kind = forms.ChoiceField(
        label="What kind of update is it?",
        choices=UpdateKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the kind of update", "invalid_choice": "Select a kind from the list"},
    )
    title = text_field("Title", "Enter a title for the update", max_length=150, noun="The title")
    body = text_field(
        "Update",
        "Enter the update",
        max_length=20000,
        noun="The update",
        help_text="What you did, what you learnt and what comes next. You can use Markdown for links, lists "
        "and headings. Do not name people who took part in research",
        widget=forms.Textarea(attrs={"rows": 12}),
    )
    blog_url = web_link_field(
        "Link to the post on your own blog (optional)",
        noun="the link to your blog post",
        example="https://blog.example.gov.uk/weeknote-12",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].label_size = "m"


class OutputFileInput(forms.FileInput):
    """The GOV.UK file upload, offering only the kinds of file allowed."""

    def __init__(self):
        accept = ",".join(sorted(uploads.ALLOWED_EXTENSIONS))
        super().__init__(attrs={"class": "govuk-file-upload", "accept": accept})


class OutputForm(GovukForm):
    output_type = forms.ChoiceField(
        label="What type of output is it?",
        choices=OutputType.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the type of output", "invalid_choice": "Select a type from the list"},
    )
    phase = forms.ChoiceField(
        label="Which phase did it come from?",
        widget=forms.RadioSelect,
        error_messages={"required": "Select the phase it came from", "invalid_choice": "Select a phase from the list"},
    )
    title = text_field("Title", "Enter the output’s title", max_length=150, noun="The title")
    description = text_field(
        "Description",
        "Enter a description of the output",
        max_length=5000,
        noun="The description",
        help_text="What it is, who it is for and how others could reuse it",
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    link = web_link_field(
        "Link to the output",
        noun="the link",
        example="https://www.example.gov.uk/discovery-report",
        help_text="Where people can read or use it. Leave this empty if you upload a file instead",
    )
    file = forms.FileField(
        label="Or upload a file",
        required=False,
        widget=OutputFileInput(),
        error_messages={"invalid": "The selected file could not be read. Choose it again"},
    )
    repository_url = web_link_field(
        "Repository address (for code)",
        noun="the repository address",
        example="https://github.com/example-council/repairs",
        help_text="Where the code is published. Needed for a code repository",
    )
    licence = forms.ChoiceField(
        label="Licence",
        choices=[("", "Choose a licence"), *Licence.choices],
        required=False,
        help_text="The licence others may reuse it under. Code needs an open-source licence",
        error_messages={"invalid_choice": "Select a licence from the list"},
    )

    def __init__(self, *args, project: Project, too_big: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.too_big = too_big
        # Read per request, as the limit is a setting.
        self.fields["file"].help_text = f"A {uploads.ALLOWED_LIST} file, smaller than {settings.OUTPUT_MAX_UPLOAD_MB}MB"
        self.fields["file"].widget.attrs["aria-describedby"] = f"{self['file'].auto_id}-hint"
        phases = [(phase.phase, phase.get_phase_display()) for phase in project.phases.all()]
        self.fields["phase"].choices = phases
        self.fields["phase"].initial = project.current_phase
        self.fields["title"].label_size = "m"
        self.checked_upload: CheckedUpload | None = None

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload:
            self.checked_upload = uploads.check_upload(upload)
        return upload

    def clean(self):
        data = super().clean()
        if self.too_big:
            self.add_error("file", uploads.too_big_message())
        has_link, has_file = bool(data.get("link")), bool(data.get("file"))
        if has_link and has_file:
            self.add_error("link", "Enter a link or upload a file, not both")
        elif not (has_link or has_file or self.too_big or self.has_error("file") or self.has_error("link")):
            self.add_error("link", "Enter a link to the output or upload a file")
        if data.get("output_type") == OutputType.CODE:
            if not data.get("repository_url") and not self.has_error("repository_url"):
                self.add_error("repository_url", "Enter the address of the code’s repository")
            if not data.get("licence"):
                self.add_error("licence", "Select the open-source licence the code is published under")
        return data

    def add_error(self, field, error):
        super().add_error(field, error)
        # GovukFormMixin styles text inputs in error; the file upload has a class of its own.
        widget = self.fields["file"].widget
        if "file" in self.errors and "govuk-file-upload--error" not in widget.attrs["class"]:
            widget.attrs["class"] += " govuk-file-upload--error"

    def details(self) -> OutputDetails:
        data = self.cleaned_data
        return OutputDetails(
            phase=data["phase"],
            output_type=data["output_type"],
            title=data["title"],
            description=data["description"],
            link=data["link"],
            repository_url=data["repository_url"],
            licence=data["licence"],
        )


class ProjectDetailsForm(GovukForm):
    summary = text_field(
        "Summary",
        "Enter a summary of the project",
        max_length=300,
        noun="The summary",
        help_text="One or two sentences for lists and search results",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    problem = text_field(
        "The problem and its users",
        "Enter the problem the project works on and who has it",
        max_length=5000,
        noun="The problem",
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    contact_email = forms.EmailField(
        label="Team contact address (optional)",
        max_length=254,
        required=False,
        help_text="A shared mailbox the whole team reads, like repairs-project@example.gov.uk. Never a person’s "
        "own address: we show it on the project’s page and send reminders to it",
        error_messages={
            "invalid": "Enter an email address in the correct format, like repairs-project@example.gov.uk",
            "max_length": "The address must be 254 characters or fewer",
        },
        widget=forms.EmailInput(attrs={"spellcheck": "false", "autocomplete": "off"}),
    )
    topics = topics_field()

    def __init__(self, *args, project: Project, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "summary": project.summary,
                "problem": project.problem,
                "contact_email": project.contact_email,
                "topics": [topic.pk for topic in project.topics.all()],
            },
        )
        super().__init__(*args, **kwargs)

    def clean_contact_email(self) -> str:
        address = self.cleaned_data["contact_email"].strip().lower()
        # Someone's own sign-in address is the one kind of personal address we can recognise.
        if address and User.objects.filter(email__iexact=address).exists():
            raise forms.ValidationError("Enter a shared team address, not a person’s own address")
        return address

    def details(self) -> ProjectDetails:
        data = self.cleaned_data
        return ProjectDetails(
            summary=data["summary"],
            problem=data["problem"],
            contact_email=data["contact_email"],
            topics=list(data["topics"]),
        )


# Staff ------------------------------------------------------------------------------------


class AwardChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, grant: FundedProject) -> str:
        return (
            f"{grant.title}: £{grant.amount_awarded:,} for {grant.get_phase_display().lower()} "
            f"from {grant.bid.round} ({grant.grant_identifier})"
        )


class ContinueWithAwardForm(GovukForm):
    grant = AwardChoiceField(
        label="Which award pays for the next phase?",
        queryset=FundedProject.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": "Select the award", "invalid_choice": "Select an award from the list"},
    )

    def __init__(self, *args, grants, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["grant"].queryset = grants
        self.fields["grant"].legend_size = "m"


class ContinueByDecisionForm(GovukForm):
    # The phase the page offered: if the project has moved on since, the move is refused.
    phase = forms.ChoiceField(
        choices=PhaseName.choices,
        widget=forms.HiddenInput,
        error_messages={
            "required": "Reload the page and try again",
            "invalid_choice": "Reload the page and try again",
        },
    )
    reason = text_field(
        "Why does the project move on without a new award?",
        "Enter why the project moves on without a new award",
        max_length=2000,
        noun="The reason",
        help_text="For example, who pays for the phase. Programme staff see this; it is not on the public page",
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    starts_on = DateField(
        noun="The start date",
        label="When does the phase start?",
        help_text="For example, 1 4 2026",
        error_messages={"required": "Enter the date the phase starts"},
    )
    ends_on = DateField(
        noun="The end date",
        label="When are its outputs due?",
        help_text="The day the phase ends. We remind the team 2 weeks before",
        error_messages={"required": "Enter the date the phase’s outputs are due"},
    )

    def __init__(self, *args, next_phase: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phase"].initial = next_phase
        self.fields["reason"].label_size = "m"

    def clean(self):
        data = super().clean()
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", "The date outputs are due must be the same as or after the start date")
        return data


class StopForm(GovukForm):
    reason = text_field(
        "Why is the project stopping?",
        "Enter why the project is stopping",
        max_length=2000,
        noun="The reason",
        help_text="We show this on the project’s page. Do not name people",
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].label_size = "m"
