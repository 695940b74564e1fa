from django.db import models


class FloorWrite(models.Model):
    """One row per post to the write floor: the least a form post can store."""

    text = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.text
