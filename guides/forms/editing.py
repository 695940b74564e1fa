"""Writing a guide, reverting it and uploading an image for it."""

from django import forms
from django.conf import settings

from core.forms import GovukForm, text_field
from events.models import Topic
from guides import services, uploads
from guides.models import Category, Guide
from guides.uploads import CheckedImage
from organisations.models import Organisation


class OrganisationChoice(GovukForm):
    """Who a revision is shown as written by, asked only of people who work for several
    organisations."""

    organisation = forms.ModelChoiceField(
        label="Which organisation are you writing for?",
        queryset=Organisation.objects.none(),
        empty_label="Select an organisation",
        help_text="The guide’s history shows your organisation with your changes",
        error_messages={
            "required": "Select the organisation you are writing for",
            "invalid_choice": "Select an organisation from the list",
        },
    )

    def __init__(self, *args, organisations: list[Organisation], **kwargs):
        super().__init__(*args, **kwargs)
        if len(organisations) < 2:
            del self.fields["organisation"]
        else:
            self.fields["organisation"].queryset = Organisation.objects.filter(
                pk__in=[organisation.pk for organisation in organisations]
            ).order_by("name")

    def chosen_organisation(self) -> Organisation | None:
        return self.cleaned_data.get("organisation")


class GuideForm(OrganisationChoice):
    field_order = ["title", "category", "topics", "body", "summary", "organisation"]
    title = text_field("Title", "Enter the guide’s title", max_length=services.TITLE_LENGTH, noun="The title")
    category = forms.ChoiceField(
        label="Category",
        choices=Category.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the guide’s category", "invalid_choice": "Select a category from the list"},
    )
    topics = forms.ModelMultipleChoiceField(
        label="Topics (optional)",
        queryset=Topic.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply",
        error_messages={
            "invalid_choice": "Select topics from the list",
            "invalid_pk_value": "Select topics from the list",
        },
    )
    body = text_field(
        "Guide",
        "Enter the guide’s text",
        max_length=services.BODY_LENGTH,
        noun="The guide’s text",
        help_text=(
            "Write in Markdown. Start a heading with ##, link to another guide with [[Guide title]] "
            "and show an image you uploaded with ![what it shows](its address)"
        ),
        widget=forms.Textarea(attrs={"rows": 25, "spellcheck": "true"}),
    )
    summary = text_field(
        "Summary of your changes",
        "Enter a summary of your changes",
        max_length=services.SUMMARY_LENGTH,
        noun="The summary",
        help_text="For example, Added how to pay participants. It is shown in the guide’s history",
    )
    # The revision the editor started from: the save is refused if the guide has moved on.
    based_on = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, guide: Guide | None = None, title: str = "", **kwargs):
        if guide is not None:
            kwargs.setdefault("initial", initial_for(guide))
        elif title:
            kwargs.setdefault("initial", {"title": " ".join(title.split())[: services.TITLE_LENGTH]})
        super().__init__(*args, **kwargs)
        self.fields["title"].label_size = "m"
        self.fields["body"].label_size = "m"
        if guide is None:
            del self.fields["based_on"]

    def text(self) -> services.GuideText:
        data = self.cleaned_data
        return services.GuideText(
            title=data["title"],
            body=data["body"],
            summary=data["summary"],
            category=data["category"],
            topics=list(data["topics"]),
            organisation=self.chosen_organisation(),
        )


def initial_for(guide: Guide) -> dict:
    revision = guide.current_revision
    return {
        "title": guide.title,
        "body": revision.body if revision else "",
        "category": guide.category,
        "topics": [topic.pk for topic in guide.topics.all()],
        "based_on": guide.current_revision_id,
    }


class RevertForm(OrganisationChoice):
    based_on = forms.IntegerField(required=False, widget=forms.HiddenInput)


class ImageFileInput(forms.FileInput):
    """The GOV.UK file upload, offering only the kinds of image allowed."""

    def __init__(self):
        accept = ",".join(sorted(uploads.ALLOWED_EXTENSIONS))
        super().__init__(attrs={"class": "govuk-file-upload", "accept": accept})


class ImageForm(GovukForm):
    file = forms.FileField(
        label="Image",
        required=False,
        widget=ImageFileInput(),
        error_messages={"invalid": "The selected file could not be read. Choose it again"},
    )
    alt_text = text_field(
        "Alt text",
        "Enter alt text that describes the image",
        max_length=300,
        noun="The alt text",
        help_text=(
            "Describe what the image shows for people who cannot see it, "
            "for example: Sticky notes from the discovery workshop, grouped into 4 themes"
        ),
    )

    def __init__(self, *args, too_big: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.too_big = too_big
        # Read per request, as the limit is a setting.
        self.fields["file"].help_text = f"A {uploads.ALLOWED_LIST} image, smaller than {settings.GUIDE_IMAGE_MAX_MB}MB"
        self.fields["file"].widget.attrs["aria-describedby"] = f"{self['file'].auto_id}-hint"
        self.checked_image: CheckedImage | None = None

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload:
            self.checked_image = uploads.check_image(upload)
        return upload

    def clean(self):
        data = super().clean()
        if self.too_big:
            self.add_error("file", uploads.too_big_message())
        elif not data.get("file") and not self.has_error("file"):
            self.add_error("file", "Select an image")
        return data

    def add_error(self, field, error):
        super().add_error(field, error)
        # GovukFormMixin styles text inputs in error; the file upload has a class of its own.
        widget = self.fields["file"].widget
        if "file" in self.errors and "govuk-file-upload--error" not in widget.attrs["class"]:
            widget.attrs["class"] += " govuk-file-upload--error"
