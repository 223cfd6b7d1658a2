from django import forms


class SignupForm(forms.Form):
    password = forms.CharField(widget=forms.PasswordInput, min_length=12)
    password_confirm = forms.CharField(widget=forms.PasswordInput, label="Confirm password")
